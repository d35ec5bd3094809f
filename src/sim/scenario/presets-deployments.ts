import type { Preset } from './presets';

/** R6's load: calls relayed and REGISTERs answered, with network jitter, 100 ms checkpoints. */
const r6Load = {
  durationS: 30,
  'replication.intervalMs': 100,
  'telephony.calls': 40,
  'telephony.registerRate': 200,
  'network.extraDelayMs': 10,
  'failures.f1.kind': 'host-crash',
  'failures.f1.target': 1,
  'failures.f1.atS': 15,
} as const;

/** Heartbeat tuned to act within a short run (keepalive 250 ms, warn 1 s, dead 2 s). */
const heartbeat = {
  'failure.detector': 'heartbeat',
  'failure.keepaliveMs': 250,
  'failure.warnMs': 1000,
  'failure.deadMs': 2000,
} as const;

/**
 * Deployments and failures (issue 8, ADR 16): each a two-line story a user can run, and several
 * meant to be compared (pin one as the A/B baseline, load the other).
 */
export const DEPLOYMENT_PRESETS: Preset[] = [
  {
    id: 'r6-all-net',
    title: 'Everything under Net (R6, for comparison)',
    explain: [
      'One VM on h1 carries SIP and 40 relayed calls, Remus-protected to h2 under Net at 100 ms; h1 crashes at 15 s.',
      'Registrations survive the crash (nothing acknowledged is lost), but every RTP packet waits for its epoch’s acknowledgement: late discards and a poor MOS all run long. Pin it as A, then load “R6’s split deployment”.',
    ],
    set: { ...r6Load, 'replication.policy': 'net' },
  },
  {
    id: 'r6-split',
    title: 'R6’s split deployment: SIP under Net, media under No-Net',
    explain: [
      'The same load split as R6 recommends: vm1 (SIP) on h1 under Net, backed up on h2; vm2 (media relay) on h2 under No-Net, backed up on h1. h1 crashes at 15 s.',
      'Signalling keeps output commit (no acknowledged registration lost through the crash), while media leaves at once: MOS stays high, and vm2 runs unprotected after its backup host dies (the lab says so).',
    ],
    set: {
      ...r6Load,
      'replication.policy': 'net',
      'vms.vm1.media': false,
      'vms.vm2.enabled': true,
      'vms.vm2.burnPct': 0,
      'vms.vm2.host': 2,
      'vms.vm2.backupHost': 1,
      'vms.vm2.media': true,
      'vms.vm2.protection': 'remus',
      'vms.vm2.remusPolicy': 'none',
    },
  },
  {
    id: 'backup-crash',
    title: 'The backup host crashes',
    explain: [
      'Two calls and 50 REGISTER/s on a Net-protected VM; the backup host h2 crashes at 10 s.',
      'The checkpoint in flight is never acknowledged: output waits until Remus gives the backup up (its 1 s timeout), then the primary runs on unprotected — the warnings say from when. A crash of h1 now would lose the service.',
    ],
    set: {
      durationS: 30,
      'replication.intervalMs': 100,
      'telephony.calls': 2,
      'telephony.registerRate': 50,
      'failures.f1.kind': 'host-crash',
      'failures.f1.target': 2,
      'failures.f1.atS': 10,
    },
  },
  {
    id: 'partition-no-fencing',
    title: 'Partition without fencing: split brain',
    explain: [
      'Heartbeat between h1 and h2; at 10 s the network between the hosts fails (clients still reach both). The backup stops hearing beats and takes over.',
      'Both copies now run: the old one answers whatever still reaches it and the warnings count the seconds of two active copies. Registrations the old copy took after the checkpoint stream stopped are missing on the new one.',
    ],
    set: {
      durationS: 30,
      'replication.intervalMs': 100,
      'telephony.calls': 2,
      'telephony.registerRate': 50,
      ...heartbeat,
      'failures.f1.kind': 'partition',
      'failures.f1.target': 1,
      'failures.f1.atS': 10,
    },
  },
  {
    id: 'partition-fencing',
    title: 'Partition with fencing (STONITH)',
    explain: [
      'The same partition, but the survivor powers h1 off through its fence device before taking over (2 s).',
      'Never two active copies: the takeover comes 2 s later than without fencing and the old primary is down on the timeline. The clients see the same outage either way — the 1.1 s Remus stalls at the partition, waiting for acknowledgements, before it gives its backup up; the switch itself takes about 40 ms. But Remus on h1 gave its backup up before it was fenced and acknowledged registrations the backup never saw: fencing stops split brain, not that loss.',
    ],
    set: {
      durationS: 30,
      'replication.intervalMs': 100,
      'telephony.calls': 2,
      'telephony.registerRate': 50,
      ...heartbeat,
      'failure.fencing': true,
      'failures.f1.kind': 'partition',
      'failures.f1.target': 1,
      'failures.f1.atS': 10,
    },
  },
  {
    id: 'three-node-cluster',
    title: 'A three-node Heartbeat cluster loses a node',
    explain: [
      'h1 runs the SIP VM, h2 the media VM, h3 is the spare both fail over to (standby copies, no state replication); h1 crashes at 10 s.',
      'Heartbeat declares h1 dead after its dead time and moves SIP to h3; media on h2 is untouched. Registrations made before the crash are lost with h1’s memory — compare with Remus.',
    ],
    set: {
      durationS: 30,
      'hosts.h3.enabled': true,
      'telephony.calls': 2,
      'telephony.registerRate': 50,
      ...heartbeat,
      'vms.vm1.protection': 'standby',
      'vms.vm1.backupHost': 3,
      'vms.vm1.media': false,
      'vms.vm2.enabled': true,
      'vms.vm2.burnPct': 0,
      'vms.vm2.host': 2,
      'vms.vm2.media': true,
      'vms.vm2.protection': 'standby',
      'vms.vm2.backupHost': 3,
      'failures.f1.kind': 'host-crash',
      'failures.f1.target': 1,
      'failures.f1.atS': 10,
    },
  },
  {
    id: 'pacemaker-partition',
    title: 'Pacemaker partition: the minority stops',
    explain: [
      'Pacemaker on Corosync over three hosts; the SIP and media VM runs on h1 with a standby on h2, no fencing. At 10 s h1 is cut off from h2 and h3 (clients still reach it).',
      'After token + consensus (about 8 s) each side forms its membership: h1 alone has no quorum and stops its copy (no-quorum-policy=stop); h2 and h3 have it and start the VM on h2. One copy throughout, where two-node Heartbeat ran two — but a cold one: REGISTERs are answered again within 0.1 s, while the two calls in progress stay silent (the new copy has no relay sessions; SIP would have to set them up again).',
    ],
    set: {
      durationS: 30,
      'hosts.h3.enabled': true,
      'telephony.calls': 2,
      'telephony.registerRate': 50,
      'cluster.manager': 'pacemaker',
      'vms.vm1.protection': 'standby',
      'failures.f1.kind': 'partition',
      'failures.f1.target': 1,
      'failures.f1.atS': 10,
    },
  },
  {
    id: 'remus-failback',
    title: 'Failback: Remus re-protects, then the VM goes home',
    explain: [
      'Heartbeat over three hosts with auto_failback on; the SIP and media VM runs on h1 under Remus towards h3. h1 crashes at 10 s, h3 takes over unprotected, h1 is repaired at 15 s.',
      'h3 sees h1 back within a keepalive and resynchronises the whole memory to it (about 8.6 s at 1 Gb/s); at h1’s comm up (its boot at 15 s plus initdead, 12 s: 27 s) the standby handshake moves the VM home: stop on h3, start on h1 from the replica, then Remus towards h3 again after a second full resync (about 8.6 s, unprotected meanwhile).',
    ],
    set: {
      durationS: 45,
      'hosts.h3.enabled': true,
      'telephony.calls': 2,
      'telephony.registerRate': 50,
      ...heartbeat,
      'cluster.manager': 'heartbeat',
      'cluster.autoFailback': 'on',
      'vms.vm1.protection': 'remus',
      'vms.vm1.backupHost': 3,
      'failures.f1.kind': 'host-crash',
      'failures.f1.target': 1,
      'failures.f1.atS': 10,
      'failures.f1.repairAtS': 15,
    },
  },
];
