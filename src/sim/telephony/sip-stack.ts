import type { RngStream } from '../engine/rng';
import type { Simulator } from '../engine/simulator';
import { SipEvent, TraceKind, type TraceRecorder } from '../engine/trace';
import type { Micros } from '../engine/units';
import { PacketKind, type DropReason, type Packet, type PacketLedger } from '../net/packet';
import type { DelaySummary } from '../sip/sip-metrics';
import type { TelephonyParams } from './params';
import type { SipDirtyPageLog } from './sip-dirty-pages';
import { SipPopulation } from './sip-population';
import { SipService } from './sip-service';
import { SipWireBridge } from './sip-wire-bridge';

/** What the RFC 3261 stack needs from the world. */
export interface SipStackDeps {
  readonly sim: Simulator;
  readonly trace: TraceRecorder;
  readonly ledger: PacketLedger;
  readonly telephony: TelephonyParams;
  readonly end: Micros;
  readonly rng: RngStream;
  /** Client → service address (through the clients' ARP cache). */
  readonly toServer: (p: Packet) => void;
  /** The VoIP VM's network stack on the host running it now. */
  readonly fromServer: (p: Packet) => void;
  readonly serverAlive: () => boolean;
  /** Host the clients' packets go to (ARP owner) and host running the VM, 0 or 1. */
  readonly owner: () => number;
  readonly active: () => number;
  readonly epoch: () => number;
  readonly acked: () => number;
  /** The VM the SIP service runs in (1: the VoIP VM). */
  readonly vm: number;
  /** The VoIP VM's dirty-page log when it is replicated. */
  readonly dirty: SipDirtyPageLog | undefined;
}

/** The run summary's `sip.stack` block (docs/cli.md). */
export type SipStackSummary = ReturnType<SipStack['summary']>;

/**
 * The RFC 3261 SIP stack wired into the world (ADR 18): the client population, the registrar
 * and UAS in the VoIP VM, and the bridge that carries their transports' packets as world
 * packets. World builds this instead of RegisterClients for `telephony.sipStack = rfc3261`.
 */
export class SipStack {
  readonly population: SipPopulation;
  readonly service: SipService;
  private readonly bridge: SipWireBridge;
  private lostAtTakeover = { registrations: 0, calls: 0 };

  constructor(private readonly d: SipStackDeps) {
    this.bridge = new SipWireBridge(
      d.sim,
      d.trace,
      d.ledger,
      (fromServer) => (fromServer ? d.active() : d.owner()),
      d.vm,
    );
    this.population = new SipPopulation(d.sim, this.bridge, d.telephony, d.end, d.toServer, d.rng);
    this.service = new SipService({
      sim: d.sim,
      bridge: this.bridge,
      transport: d.telephony.sipTransport,
      epoch: d.epoch,
      acked: d.acked,
      send: d.fromServer,
      alive: d.serverAlive,
      sink: d.dirty,
      replicated: d.dirty !== undefined,
    });
  }

  /** Whether `p` is one of this stack's packets (the VoIP VM hands those to `handle`). */
  owns(p: Packet): boolean {
    const k = p.kind;
    return (
      k === PacketKind.SipRequest || k === PacketKind.SipResponse || k === PacketKind.SipTcpControl
    );
  }

  /** A SIP packet the VoIP VM has spent its CPU on. */
  handle(p: Packet, now: Micros): void {
    this.service.handle(p, now);
  }

  /** The ledger dropped `p` (already counted): the sender's TCP learns of it. */
  dropped(p: Packet, reason: DropReason): void {
    if (!this.owns(p)) return;
    const f = this.bridge.dropped(p);
    if (!f) return;
    if (f.fromServer) this.service.lost(f, p, reason);
    else if (f.wp.conn >= 0) this.population.lost(f.wp, this.d.sim.now);
  }

  /**
   * The backup resumes the VoIP VM from epoch `committed`. Returns how many registrations and
   * established calls the clients were told of that the resumed state lacks (0 under Net).
   */
  takeover(committed: number): number {
    const C = this.d.dirty ? committed : -1;
    const now = this.d.sim.now;
    let lost = 0;
    for (const tx of this.population.acknowledgedRegistrations) {
      if (this.service.registeredBy(tx, C)) continue;
      lost++;
      this.lostAtTakeover.registrations++;
      this.d.trace.add(now, TraceKind.Sip, tx, SipEvent.LostAfterAck, committed);
    }
    for (const dialog of this.population.acknowledgedCalls) {
      if (this.service.dialogBy(dialog, C)) continue;
      lost++;
      this.lostAtTakeover.calls++;
      this.d.trace.add(now, TraceKind.Sip, dialog, SipEvent.LostAfterAck, committed);
    }
    for (const wp of this.service.takeover(C)) this.population.lost(wp, now);
    return lost;
  }

  /** The summary's `sip.stack` block. */
  summary() {
    const m = this.population.metrics.summary();
    const c = this.population.transport.stats;
    const s = this.service.transportTotals();
    return {
      transport: this.d.telephony.sipTransport,
      ...m,
      postDialDelay: roundDelays(m.postDialDelay),
      setupTime: roundDelays(m.setupTime),
      registerTime: roundDelays(m.registerTime),
      lostAfterAck: { ...this.lostAtTakeover },
      server: this.service.summary(),
      wire: {
        clientPackets: c.packetsSent,
        serverPackets: s.packetsSent,
        handshakePackets: c.handshakePackets + s.handshakePackets,
        teardownPackets: c.teardownPackets + s.teardownPackets,
        tcpRetransmissions: c.tcpRetransmissions + s.tcpRetransmissions,
        connectionsOpened: c.connectionsOpened,
      },
    };
  }
}

/** Delays in ms to 0.01 ms; null when there is no sample (JSON has no NaN). */
function roundDelays(d: DelaySummary) {
  const r = (v: number) => (Number.isFinite(v) ? Math.round(v * 100) / 100 : null);
  return { count: d.count, meanMs: r(d.meanMs), p95Ms: r(d.p95Ms), maxMs: r(d.maxMs) };
}
