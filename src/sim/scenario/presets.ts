import { currentKeys } from './legacy-keys';
import { DEPLOYMENT_PRESETS } from './presets-deployments';
import { SIP_PRESETS } from './presets-sip';
import { defaultScenario, setPath, type Scenario } from './scenario';

/** A named starting point that tells a story. */
export interface Preset {
  readonly id: string;
  readonly title: string;
  /** Two lines: what the preset sets up, and what to look for. */
  readonly explain: readonly [string, string];
  /** Values that differ from the defaults, by field path. */
  readonly set: Readonly<Record<string, number | string | boolean>>;
}

export const PRESETS: Preset[] = [
  {
    id: 'remus-bursts',
    title: 'Remus bursts RTP (Net, 400 ms)',
    explain: [
      'One G.711 call through a media relay VM that Remus checkpoints every 400 ms, with all output buffered (Net).',
      'Look at the output-buffer lane: every acknowledgement releases ≈ 20 RTP packets per direction at once, and the jitter chart spikes once per interval.',
    ],
    set: { durationS: 20, 'replication.intervalMs': 400, 'replication.policy': 'net' },
  },
  {
    id: 'tcp-only',
    title: 'TCP-only buffering',
    explain: [
      'The same call and 400 ms checkpoints, but only TCP output is buffered: RTP over UDP bypasses the plug.',
      // npm run sim -- tcp-only --json: pauseMeanMs 1.93, jitterMaxMs 0.29 and 0.28, delayMaxMs 2.6.
      'The release bursts are gone. What remains is small: a packet waits only when it falls inside a ≈ 2 ms checkpoint pause (about one interval in ten, with 20 ms packets), so jitter peaks near 0.3 ms, as RFC 3550 adds a sixteenth of each delay change.',
    ],
    set: { durationS: 20, 'replication.intervalMs': 400, 'replication.policy': 'tcp-only' },
  },
  {
    id: 'primary-fails',
    title: 'Primary fails mid-call',
    explain: [
      'Two calls and 50 REGISTER/s on a Net-protected VoIP VM; the primary host crashes at 30 s (drag the red marker).',
      'RTP stops for ≈ 1 s (the backup waits for 1 s of silence on the checkpoint stream, counted from the last checkpoint it got — 0.78 s after the crash here — then resumes and sends a gratuitous ARP); the calls continue and every registration succeeds through retransmission. The low MOS and the late packets are Net’s 400 ms output bursts, not the crash: without it they are worse, since the backup runs unprotected after the takeover.',
    ],
    set: {
      durationS: 60,
      'replication.intervalMs': 400,
      'telephony.calls': 2,
      'telephony.registerRate': 50,
      'failures.f1.kind': 'host-crash',
      'failures.f1.atS': 30,
    },
  },
  {
    id: 'heartbeat-failover',
    title: 'Heartbeat decides the failover',
    explain: [
      'The same crash, but Linux-HA Heartbeat detects it: keepalive 250 ms, warn after 1 s, dead after 2 s.',
      'Watch the heartbeat lane: beats stop, a warning, then the node is declared dead — the dead time (2 s) after the last beat heard, which came up to one keepalive (250 ms) before the crash; the RTP gap is about that plus resume and ARP.',
    ],
    set: {
      durationS: 30,
      'replication.intervalMs': 200,
      'telephony.registerRate': 20,
      'failures.f1.kind': 'host-crash',
      'failures.f1.atS': 12,
      'failure.detector': 'heartbeat',
      'failure.keepaliveMs': 250,
      'failure.warnMs': 1000,
      'failure.deadMs': 2000,
    },
  },
  {
    id: 'net-vs-nonet-media',
    title: 'Net vs No-Net for media',
    explain: [
      'Forty calls through one relay VM under Net buffering at 100 ms, with 0–10 ms of network jitter.',
      'Note the late discards and MOS, then switch Output buffering to No-Net (or TCP only): media recovers. Signalling wants Net, media does not.',
    ],
    set: {
      durationS: 20,
      'replication.intervalMs': 100,
      'telephony.calls': 40,
      'network.extraDelayMs': 10,
      'replication.policy': 'net',
    },
  },
  {
    id: 'r7-live-migration',
    title: 'Live migration during a call (R7)',
    explain: [
      'A call and 50 REGISTER/s on a 1 GiB VoIP VM; at 10 s its host is shut down gracefully and Heartbeat on the failover node pulls the running VM over by Xen pre-copy, with a UDP probe at 100 pkt/s.',
      'Watch the migration lane: one long round of every page, a few short ones, then a pause of ≈ 0.32 s (0.3 s of it the target plugging the VM’s virtual NIC while both copies are paused) and the ARP; the probe loses ≈ 0.35 s, as R7 measured (0.2–0.55 s), and no call or registration is lost.',
    ],
    set: {
      durationS: 30,
      'replication.enabled': false,
      'telephony.calls': 1,
      'telephony.registerRate': 50,
      'failure.detector': 'heartbeat',
      'migration.enabled': true,
      'migration.trigger': 'graceful-shutdown',
      'migration.mode': 'pull',
      'migration.atS': 10,
      'udp.enabled': true,
      'udp.pps': 100,
      'udp.bytes': 100,
    },
  },
];

PRESETS.push(...DEPLOYMENT_PRESETS);

/** Four VMs on one core, each burning 40 % (always runnable together), VM1 pinged: R1's testbed. */
const fourBusyVms = {
  durationS: 101,
  // One host: these testbeds measure one machine's scheduler or NIC (a standby host ran
  // copies of the other VMs, which read as running twice on the cluster map).
  'vms.vm1.protection': 'none',
  'hosts.h2.enabled': false,
  'telephony.calls': 0,
  'vms.vm1.burnPct': 40,
  'vms.vm2.enabled': true,
  'vms.vm3.enabled': true,
  'vms.vm4.enabled': true,
  'ping.enabled': true,
  'ping.count': 1000,
  'ping.intervalMs': 100,
} as const;

PRESETS.push(
  {
    id: 'r1-credit',
    title: 'CPU access latency: Xen credit (R1)',
    explain: [
      'Four VMs share one core, each running a 40 % CPU burner, so all four are always runnable; a LAN client pings VM1 (1000 pings, ~100 ms apart; the paper sent 100).',
      'Ping waits until VM1’s next 30 ms slice: mean RTT ≈ 35 ms, worst (N−1)·30 = 90 ms. dom0’s idle core earns credits too (they are shared pool-wide), so the four guests stay UNDER and take strict turns. Switch the scheduler to vSlicer and make VM1 an LSVM.',
    ],
    set: fourBusyVms,
  },
  {
    id: 'r1-vslicer',
    title: 'CPU access latency: vSlicer (R1)',
    explain: [
      'The same four busy VMs, but under vSlicer with VM1 the only latency-sensitive VM: it gets its 25 % as a 10 ms round after every 30 ms NLSVM slice.',
      'Mean RTT falls to ≈ 10 ms (a two-thirds cut), worst ≈ 30 ms, and every VM still gets 25 % of the core (CPU shares in the results).',
    ],
    set: { ...fourBusyVms, 'host.scheduler': 'vslicer', 'vms.vm1.lsvm': true },
  },
  {
    id: 'r1-rtds',
    title: 'CPU access latency: Xen RTDS (baseline)',
    explain: [
      'The same four busy VMs under RTDS, Xen’s real-time EDF scheduler (SEDF’s successor): each vCPU gets 2.5 ms of every 10 ms period, earliest deadline first, with extra time when the core would idle.',
      'Ping waits at most period − budget = 7.5 ms (mean ≈ 3 ms), and shares stay equal — paid for with twelve times credit’s context switches (see the switch counts).',
    ],
    set: { ...fourBusyVms, 'host.scheduler': 'rtds', 'host.rtdsBudgetMs': 2.5 },
  },
  {
    id: 'r2-vslicer',
    title: 'vSlicer schedule: 2 LSVMs + 2 NLSVMs (R2)',
    explain: [
      'Two LSVMs and two NLSVMs on one core, T_NLSVM = 30 ms and T_m = 5 ms: after each NLSVM slice, the LSVMs alternate 5 ms micro-slices for T_S = 30 ms.',
      'Zoom into the core lane: an LSVM waits 5 ms at best and 35 ms at worst (T_NLSVM + (m−1)·T_m); context switches rise ×3.5 against credit’s ×6 for 5 ms slices everywhere, and shares stay equal.',
    ],
    set: {
      durationS: 30,
      // One host: these testbeds measure one machine's scheduler or NIC (a standby host ran
      // copies of the other VMs, which read as running twice on the cluster map).
      'vms.vm1.protection': 'none',
      'hosts.h2.enabled': false,
      'telephony.calls': 0,
      'host.scheduler': 'vslicer',
      'host.microSliceMs': 5,
      'vms.vm1.burnPct': 40,
      'vms.vm1.lsvm': true,
      'vms.vm2.enabled': true,
      'vms.vm2.lsvm': true,
      'vms.vm3.enabled': true,
      'vms.vm4.enabled': true,
    },
  },
);

/** R3's testbed: four busy VMs on one core, the VoIP VM answering one G.711 call from a client behind 10–30 ms of random delay. */
const voipSingleLine = {
  durationS: 60,
  // One host: these testbeds measure one machine's scheduler or NIC (a standby host ran
  // copies of the other VMs, which read as running twice on the cluster map).
  'vms.vm1.protection': 'none',
  'hosts.h2.enabled': false,
  'telephony.mode': 'endpoint',
  'telephony.calls': 1,
  // A VoIP test tool's jitter buffer adapts; a fixed one anchored on the first packet would
  // discard a fifth of credit's bursts (docs/reference-results.md).
  'telephony.playout': 'adaptive',
  'network.lanDelayMs': 10,
  'network.extraDelayMs': 20,
  'vms.vm1.burnPct': 40,
  'vms.vm2.enabled': true,
  'vms.vm3.enabled': true,
  'vms.vm4.enabled': true,
} as const;

PRESETS.push(
  {
    id: 'r3-credit',
    title: 'VoIP single line: Xen credit (R3)',
    explain: [
      'Four busy VMs on one core; the VoIP VM (vm1) answers a G.711 call from a client behind 10–30 ms of random delay. It reads the client’s packets and sends its own only when it has the CPU.',
      'Upstream jitter ≈ 27 ms (paper 26.7) and a burst of server packets every 120 ms; then try “vSlicer” with vm1 and vm2 as LSVMs.',
    ],
    set: voipSingleLine,
  },
  {
    id: 'r3-vslicer',
    title: 'VoIP single line: vSlicer (R3)',
    explain: [
      'The same call, under vSlicer with the VoIP VM and vm2 latency-sensitive (2 LSVMs + 2 NLSVMs, T_m = 5 ms).',
      'Jitter falls in both directions and nothing is discarded; the paper cut upstream jitter by 62 %, the model by 36 %: its NLSVMs still hold the core for 30 ms. Lower vm1’s burner to 20 % and BOOST serves it at once under both.',
    ],
    set: {
      ...voipSingleLine,
      'host.scheduler': 'vslicer',
      'vms.vm1.lsvm': true,
      'vms.vm2.lsvm': true,
    },
  },
);

/** DBA-VM testbed: three VMs each offering 1 Gb/s to one 1 Gb/s NIC; SLAs 150/700/150 Mb/s, 20/60/60 kpkt/s. */
function dbaTestbed(
  smallFrames: boolean,
  policy: string,
): Record<string, number | string | boolean> {
  const small = smallFrames ? 64 : 1518;
  return {
    durationS: 10,
    // One host: these testbeds measure one machine's scheduler or NIC (a standby host ran
    // copies of the other VMs, which read as running twice on the cluster map).
    'vms.vm1.protection': 'none',
    'hosts.h2.enabled': false,
    'telephony.calls': 0,
    'nic.txPolicy': policy,
    'vms.vm1.txMbps': 1000,
    'vms.vm1.txFrameBytes': small,
    'vms.vm1.slaMbps': 150,
    'vms.vm1.slaKpps': 20,
    'vms.vm2.enabled': true,
    'vms.vm2.burnPct': 0,
    'vms.vm2.txMbps': 1000,
    'vms.vm2.slaMbps': 700,
    'vms.vm2.slaKpps': 60,
    'vms.vm3.enabled': true,
    'vms.vm3.burnPct': 0,
    'vms.vm3.txMbps': 1000,
    'vms.vm3.txFrameBytes': small,
    'vms.vm3.slaMbps': 150,
    'vms.vm3.slaKpps': 60,
  };
}

PRESETS.push(
  {
    id: 'r4-native-1500',
    title: 'Shared NIC, 1500-byte packets, no control (R4 s1)',
    explain: [
      'Three VMs each offer 1 Gb/s of 1500-byte UDP to one 1 Gb/s NIC; the driver domain serves their vifs in turn.',
      'The wire is the bottleneck: each VM gets ≈ 333 Mb/s, whatever its SLA (150/700/150 Mb/s).',
    ],
    set: dbaTestbed(false, 'none'),
  },
  {
    id: 'r4-native-64',
    title: 'Shared NIC, 64-byte packets, no control (R4 s2)',
    explain: [
      'VM1 and VM3 now send 64-byte frames: each packet costs memory-bus time (a + b·bytes), and the host tops out near 190 kpkt/s.',
      'VM1 and VM3 get ≈ 50 Mb/s, VM2 only ≈ 520 Mb/s of its 700 Mb/s SLA. Switch to tc: nothing changes, it drops after the copy.',
    ],
    set: dbaTestbed(true, 'none'),
  },
  {
    id: 'r4-dba',
    title: 'Shared NIC with DBA-VM (R4)',
    explain: [
      'DBA-VM allocates from the SLAs every 500 ms and drops at the netfront, before the copy, so the memory bus is not spent on packets that would be dropped.',
      'VM1 holds 20 kpkt/s and VM3 60 kpkt/s exactly, and VM2 reaches its 700 Mb/s SLA. Drag an SLA line on the throughput chart.',
    ],
    set: dbaTestbed(true, 'dba'),
  },
);

PRESETS.push(...SIP_PRESETS);

/** The preset with this id, if any. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The scenario a preset describes (defaults plus the preset's values). */
export function presetScenario(p: Preset): Scenario {
  let s = defaultScenario();
  for (const [path, v] of Object.entries(p.set))
    for (const [q, x] of currentKeys(path, v)) s = setPath(s, q, x);
  return s;
}
