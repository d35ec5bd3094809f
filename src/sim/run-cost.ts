import { enabledHosts } from './host/host-slots';
import { guestCores } from './host/placement';
import { codecOf } from './telephony/codec';
import type { Scenario } from './scenario/scenario';
import { workloadEvents } from './workloads/cost';

/**
 * What a run will cost, estimated from the scenario before it starts: simulated events per
 * second from the traffic each part of the scenario offers, times the duration. The per-packet
 * event counts were measured with this model (5 s runs, 10 s for RTP, one factor at a time; test/run-cost.test.ts
 * checks the estimate against real runs) — they count the model's own events (a send, each link
 * hop, the netback copy, the guest's CPU work, the receive), not anything of a real system.
 */
export const EVENTS_PER = {
  /**
   * One idle host: its scheduler's ticks and accounting, its share of heartbeats and checkpoints
   * (an idle host pair measured 200–236/s; a lone host with no replication about 100).
   */
  baseSecondPerHost: 120,
  /** One REGISTER transaction, request and 200 OK (7.1 measured at 1000/s; 12.1 before ADR 0021). */
  register: 7.1,
  /** One ping, request and reply (5.9 measured at 100/s; 10.4 before ADR 0021). */
  ping: 5.9,
  /**
   * One bulk frame sent through netback: 3.0 measured below the packet-rate ceiling (100 Mb/s of
   * 1518 B), 1.6–2.0 at the ceiling (the R4 presets), where the ring batches; the heavy case counts.
   */
  bulkFrame: 2.0,
  /** One UDP probe datagram (6.7 measured at the 1 Mb/s default). */
  udpDatagram: 6.7,
  /** One web request with its response (10 measured at 20/s). */
  webRequest: 10,
  /** The TCP-over-WAN probe, window-limited (1700 measured). */
  tcpSecond: 1700,
  /**
   * A burner copy that is always behind (its host's burners ask for at least the cores they may
   * use), under credit or vSlicer: its share of the slices only, since its demand is topped up
   * without an event while it has a backlog (Burner). 7–49 measured per copy in the R1–R3 presets.
   * Under RTDS a busy vCPU also costs its budget's replenishment and exhaustion, two events a
   * period (206 measured per copy in r1-rtds at 10 ms).
   */
  burnerBusySecond: 30,
  /**
   * A burner copy with CPU to spare: it runs out after each 1 ms top-up, blocks, and is woken at
   * the next, two events a period (4000 measured for a lone 40 % burner beside an idle VoIP VM,
   * its copies on the two hosts together).
   */
  burnerIdleSecond: 2000,
};

/**
 * Events per relayed RTP packet (sender to receiver, with its CPU work and output buffering) by
 * the relayed packets offered per second: it falls as NAPI polls take more packets each under load
 * and, past the relay's and driver domain's capacity, as packets are dropped early (ADR 0021).
 * Measured on the default scenario with `telephony.calls` raised, 10 s each (2 000 → 200 000
 * packets/s is 20 → 2 000 calls); a constant 5.0 made 1 000 calls × 60 s "about 67 s", which
 * a helper saw finish in 14 s.
 */
const RTP_EVENTS_PER_PACKET: readonly (readonly [packetsPerS: number, events: number])[] = [
  [2_000, 4.94],
  [10_000, 4.61],
  [20_000, 4.03],
  [40_000, 2.98],
  [100_000, 1.33],
  [200_000, 1.1],
];

/**
 * Events per simulated second of relayed RTP at `pps` packets/s: the table's rate × events per
 * packet at each point, interpolated in log(rate) between them (so more calls never cost less, as
 * interpolating the per-packet figure did between 800 and 1 000 calls), per packet beyond them.
 */
export function rtpEventsPerSecond(pps: number): number {
  const t = RTP_EVENTS_PER_PACKET;
  const first = t[0] as readonly [number, number];
  const last = t[t.length - 1] as readonly [number, number];
  if (pps <= first[0]) return first[1] * pps;
  if (pps >= last[0]) return last[1] * pps;
  let i = 1;
  while ((t[i] as readonly [number, number])[0] < pps) i++;
  const [x0, e0] = t[i - 1] as readonly [number, number];
  const [x1, e1] = t[i] as readonly [number, number];
  const u = Math.log(pps / x0) / Math.log(x1 / x0);
  return x0 * e0 + u * (x1 * e1 - x0 * e0);
}

/**
 * Budgets, in simulated events. Chromium simulates ~0.45 M events/s on the project's 2-core
 * machine under load (a 200-call minute, 13.4 M events, took ~30 s), so the warning comes at
 * about 45 s of computing and the refusal at about 9 minutes. docs/runs.md documents both.
 */
export const WARN_EVENTS = 20_000_000;
export const REFUSE_EVENTS = 250_000_000;
/** The simulation rate the budgets assume (events per wall second), for the time shown. */
export const ASSUMED_EVENTS_PER_S = 450_000;

/** One part of the estimate, with the scenario fields that drive it. */
export interface CostPart {
  readonly what: string;
  readonly fields: readonly string[];
  readonly events: number;
}

export interface RunCost {
  readonly events: number;
  /** Wall time at ASSUMED_EVENTS_PER_S (s). */
  readonly seconds: number;
  readonly verdict: 'ok' | 'warn' | 'refuse';
  /** The parts, biggest first. */
  readonly parts: readonly CostPart[];
}

/** Ethernet preamble, start delimiter and inter-frame gap: 20 bytes on the wire per frame (IEEE 802.3). */
const WIRE_OVERHEAD_BYTES = 20;

/** Bulk frames per second all VMs send: what they offer, at most the driver domain's packet-rate ceiling. */
function bulkFramesPerS(s: Scenario): number {
  let offered = 0;
  let bytes = 0;
  for (const [k, v] of Object.entries(s.vms)) {
    if ((k !== 'vm1' && !v.enabled) || v.txMbps <= 0) continue;
    const pps = (v.txMbps * 1e6) / ((v.txFrameBytes + WIRE_OVERHEAD_BYTES) * 8);
    offered += pps;
    bytes += pps * v.txFrameBytes;
  }
  if (offered === 0) return 0;
  // The ceiling from memory time per packet, a + b·bytes (nic.memBaseUs, nic.memPerByteNs).
  const meanBytes = bytes / offered;
  const ceiling = 1e6 / (s.nic.memBaseUs + (s.nic.memPerByteNs * meanBytes) / 1000);
  return Math.min(offered, ceiling);
}

/**
 * Events per second of every host's burner copies (a VM on host 0 has a copy on every host): a
 * host whose burners ask for at least the cores they may use keeps them behind, and busy burners
 * cost far fewer events than ones that run dry every top-up.
 */
function burnerEventsPerSecond(s: Scenario): number {
  let events = 0;
  for (const [name, slot] of Object.entries(s.hosts)) {
    if (!slot.enabled) continue;
    const h = Number(name.slice(1));
    const cores = guestCores({ ...s.host, cores: slot.cores > 0 ? slot.cores : s.host.cores });
    const burners = Object.entries(s.vms).filter(
      ([k, v]) => (k === 'vm1' || v.enabled) && v.burnPct > 0 && (v.host === h || v.host === 0),
    );
    if (burners.length === 0) continue;
    // Pinned burners share their pins' cores; an unpinned one may use every guest core.
    const usable = new Set<number>();
    for (const [, v] of burners)
      if (cores.includes(v.pin)) usable.add(v.pin);
      else for (const c of cores) usable.add(c);
    const demand = burners.reduce((n, [, v]) => n + v.burnPct / 100, 0);
    const busy =
      s.host.scheduler === 'rtds' ? (2 * 1000) / s.host.rtdsPeriodMs : EVENTS_PER.burnerBusySecond;
    const each = demand >= usable.size ? busy : EVENTS_PER.burnerIdleSecond;
    events += each * burners.length;
  }
  return events;
}

/** Estimates the events of a run of `s` and compares them with the budgets. */
export function estimateRunCost(s: Scenario): RunCost {
  const d = s.durationS;
  const rtpPerS = (s.telephony.calls * 2 * 1e6) / codecOf(s.telephony.codec).ptime;
  const raw: CostPart[] = [
    {
      what: 'the hosts',
      fields: ['durationS'],
      events: EVENTS_PER.baseSecondPerHost * enabledHosts(s.hosts).length * d,
    },
    {
      what: 'RTP media',
      fields: ['telephony.calls', 'durationS'],
      events: rtpEventsPerSecond(rtpPerS) * d,
    },
    {
      what: 'SIP REGISTER',
      fields: ['telephony.registerRate', 'durationS'],
      events: EVENTS_PER.register * s.telephony.registerRate * d,
    },
    {
      what: 'ping',
      fields: ['ping.intervalMs', 'ping.count', 'durationS'],
      events: s.ping.enabled
        ? EVENTS_PER.ping * Math.min(s.ping.count, (d * 1000) / s.ping.intervalMs)
        : 0,
    },
    {
      what: 'bulk transmit',
      fields: ['vms.vmN.txMbps', 'vms.vmN.txFrameBytes', 'durationS'],
      events: EVENTS_PER.bulkFrame * bulkFramesPerS(s) * d,
    },
    {
      what: 'UDP probe',
      fields: ['udp.rateMbps', 'udp.bytes', 'durationS'],
      events: s.udp.enabled
        ? ((EVENTS_PER.udpDatagram * s.udp.rateMbps * 1e6) / (s.udp.bytes * 8)) * d
        : 0,
    },
    {
      what: 'web probe',
      fields: ['web.rate', 'durationS'],
      events: s.web.enabled ? EVENTS_PER.webRequest * s.web.rate * d : 0,
    },
    {
      what: 'TCP probe',
      fields: ['tcp.enabled', 'durationS'],
      events: s.tcp.enabled ? EVENTS_PER.tcpSecond * d : 0,
    },
    {
      what: 'workloads',
      fields: ['workloads.wN.kind', 'workloads.wN.rate', 'durationS'],
      events: workloadEvents(s),
    },
    {
      what: 'CPU burners',
      fields: ['vms.vmN.burnPct', 'durationS'],
      events: burnerEventsPerSecond(s) * d,
    },
  ];
  const parts = raw.filter((p) => p.events > 0).sort((a, b) => b.events - a.events);
  const events = parts.reduce((n, p) => n + p.events, 0);
  return {
    events,
    seconds: events / ASSUMED_EVENTS_PER_S,
    verdict: events > REFUSE_EVENTS ? 'refuse' : events > WARN_EVENTS ? 'warn' : 'ok',
    parts,
  };
}

/** One sentence naming what drives the cost, for a warning or a refusal. */
export function describeRunCost(c: RunCost): string {
  const m = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} M`;
  const top = c.parts
    .slice(0, 2)
    .map((p) => `${p.what} (${p.fields.join(', ')}): ${m(p.events)} events`)
    .join('; ');
  return `Estimated ${m(c.events)} simulated events, about ${Math.round(c.seconds)} s of computing — ${top}.`;
}
