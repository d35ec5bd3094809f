import type { Simulator } from '../engine/simulator';
import { sec, type Micros } from '../engine/units';
import { DropReason, type Packet } from '../net/packet';
import { SipMethod, SipStatus, type SipMessage } from '../sip/message';
import type { StateWriteSink } from '../sip/state-tables';
import { sipTimers, type SipTransportKind } from '../sip/timers';
import {
  SipTransport,
  type TransportSnapshot,
  type TransportStats,
  type WirePacket,
} from '../sip/transport';
import { DEFAULT_UAS, UserAgentServer, type UasStats } from '../sip/user-agent-server';
import type { InFlight, SipWireBridge } from './sip-wire-bridge';

/** What the service needs from the world. */
export interface SipServiceDeps {
  readonly sim: Simulator;
  readonly bridge: SipWireBridge;
  readonly transport: SipTransportKind;
  /** The guest's current epoch (0 when not replicated). */
  readonly epoch: () => number;
  /** Last epoch the backup acknowledged: older state can no longer be rolled back. */
  readonly acked: () => number;
  /** Hands a packet to the guest's network stack on the host running the service now. */
  readonly send: (p: Packet) => void;
  /** Whether the host running the service now is up. */
  readonly alive: () => boolean;
  /** Where the tables' writes dirty guest memory (the replicated primary only). */
  readonly sink: StateWriteSink | undefined;
  readonly replicated: boolean;
}

interface DialogRecord {
  readonly created: number;
  okEpoch: number;
  ok: SipMessage | undefined;
  confirmed: number;
  ended: number;
}

/**
 * The SIP registrar and UAS inside the VoIP VM (ADR 18): src/sim/sip's UserAgentServer behind
 * a SipTransport, fed with the packets the guest has spent its CPU on. Like VoipServer it keeps
 * the replication semantics: every piece of state is tagged with the epoch that wrote it, so a
 * backup resumes from exactly what the last committed checkpoint held. The transport's TCP
 * connections are part of that checkpoint (the guest kernel's memory): they are snapshotted at
 * each epoch's first activity, and the client's segments the primary read after the checkpoint
 * are handed back to be sent again, as a TCP sender whose data was never acknowledged would.
 */
export class SipService {
  private uas!: UserAgentServer;
  private transport!: SipTransport;
  private incarnation = 0;
  private readonly bindings = new Map<number, { first: number; expiresAt: number }>();
  /** REGISTER transaction → epoch its 200 was sent in. */
  private readonly registered = new Map<number, number>();
  private readonly dialogs = new Map<number, DialogRecord>();
  /** Transport state at the start of an epoch's first activity = at the end of the epochs before. */
  private readonly snapshots: { epoch: number; snap: TransportSnapshot }[] = [];
  private lastEpoch = -1;
  /** Client TCP segments the server read, with its epoch then (until that epoch is acknowledged). */
  private readonly readIn: { wp: WirePacket; epoch: number }[] = [];
  /** Server TCP segments lost with the crashed host, with the epoch that sent them. */
  private readonly lostOut: { wp: WirePacket; epoch: number }[] = [];
  private readonly uasStats: UasStats[] = [];
  private readonly transports: SipTransport[] = [];

  constructor(private readonly d: SipServiceDeps) {
    this.start(undefined);
  }

  /** A SIP packet the guest has spent its CPU on. */
  handle(p: Packet, now: Micros): void {
    const f = this.d.bridge.arrive(p, now);
    if (!f) return;
    this.touch();
    if (this.d.replicated && f.wp.conn >= 0) this.readIn.push({ wp: f.wp, epoch: this.d.epoch() });
    this.transport.receive(f.wp, now);
  }

  /** A packet the server sent was dropped for `reason`. */
  lost(f: InFlight, p: Packet, reason: DropReason): void {
    if (f.wp.conn < 0) return; // UDP: the SIP layer's own timers recover it
    if (this.d.alive()) this.transport.lost(f.wp, this.d.sim.now);
    // A crashed primary: sent before the checkpoint, TCP on the backup resends it; sent after,
    // the backup never sent it (output of an uncommitted epoch is discarded).
    else if (reason !== DropReason.Uncommitted && p.epoch >= 0)
      this.lostOut.push({ wp: f.wp, epoch: p.epoch });
  }

  /** Whether the 200 to REGISTER transaction `tx` was in the state as of epoch `committed`. */
  registeredBy(tx: number, committed: number): boolean {
    const e = this.registered.get(tx);
    return e !== undefined && e <= committed;
  }

  /** Whether dialog `dialog` existed in the state as of epoch `committed`. */
  dialogBy(dialog: number, committed: number): boolean {
    const r = this.dialogs.get(dialog);
    return r !== undefined && r.created <= committed;
  }

  /**
   * The backup resumes the VM from the checkpoint of epoch `committed` (−1: from nothing).
   * Returns the client segments the primary read after that checkpoint: the client's TCP must
   * send them again.
   */
  takeover(committed: number): WirePacket[] {
    const C = this.d.replicated ? committed : -1;
    const snap = C >= 0 ? this.snapshotAt(C) : undefined;
    const resend = this.readIn.filter((r) => r.epoch > C).map((r) => r.wp);
    const lostOut = this.lostOut.filter((r) => r.epoch <= C).map((r) => r.wp);
    this.readIn.length = 0;
    this.lostOut.length = 0;
    this.snapshots.length = 0;
    this.lastEpoch = -1;
    for (const [k, b] of this.bindings) if (b.first > C) this.bindings.delete(k);
    for (const [k, e] of this.registered) if (e > C) this.registered.delete(k);
    for (const [k, r] of this.dialogs) if (r.created > C) this.dialogs.delete(k);
    this.start(snap);
    const live = [...this.dialogs].filter(([, r]) => r.ended > C);
    this.uas.restore(
      [...this.bindings].map(([aor, b]) => [aor, b.expiresAt] as const),
      live.map(([dialog, r]) => ({
        dialog,
        confirmed: r.confirmed <= C,
        ok: r.okEpoch <= C ? r.ok : undefined,
      })),
    );
    for (const wp of lostOut) this.transport.lost(wp, this.d.sim.now);
    return resend;
  }

  /** What the server side did, over every incarnation. */
  summary() {
    const sum = (k: keyof UasStats) => this.uasStats.reduce((n, s) => n + s[k], 0);
    return {
      requests: sum('requests'),
      okRetransmissions: sum('okRetransmissions'),
      ackTimeouts: sum('ackTimeouts'),
      unknownDialog: sum('unknownDialog'),
      bindings: this.uas.bindings.size,
      dialogs: this.uas.dialogs.size,
    };
  }

  /** Packet counts of the server's transport end, over every incarnation. */
  transportTotals(): TransportStats {
    const total = { ...this.transport.stats };
    for (const k of Object.keys(total) as (keyof TransportStats)[]) {
      total[k] = this.transports.reduce((n, t) => n + t.stats[k], 0);
    }
    return total;
  }

  /** A new incarnation of the server (the primary's, or the backup's from a checkpoint). */
  private start(snap: TransportSnapshot | undefined): void {
    const inc = ++this.incarnation;
    const live = () => inc === this.incarnation && this.d.alive();
    const timers = sipTimers(this.d.transport);
    const transport = new SipTransport(
      this.d.sim,
      this.d.transport,
      1,
      (wp) => {
        if (live()) this.d.send(this.d.bridge.packet(wp, true));
      },
      (m, now) => {
        this.observeIn(m);
        uas.receive(m, now);
      },
    );
    if (snap) transport.restore(snap);
    const uas = new UserAgentServer(
      this.d.sim,
      timers,
      (m, key, retx) => {
        if (!live()) return;
        this.touch();
        this.observeOut(m, retx);
        transport.send(m, key);
      },
      DEFAULT_UAS,
      this.d.sink,
    );
    this.transport = transport;
    this.uas = uas;
    this.uasStats.push(uas.stats);
    this.transports.push(transport);
  }

  /** First activity of a new epoch: keep the transport's state as the last epoch left it. */
  private touch(): void {
    if (!this.d.replicated || this.d.transport === 'udp') return;
    const e = this.d.epoch();
    if (e === this.lastEpoch) return;
    this.lastEpoch = e;
    const acked = this.d.acked();
    while (this.snapshots.length > 0 && (this.snapshots[0]?.epoch ?? 0) <= acked)
      this.snapshots.shift();
    while (this.readIn.length > 0 && (this.readIn[0]?.epoch ?? 0) <= acked) this.readIn.shift();
    this.snapshots.push({ epoch: e, snap: this.transport.snapshot() });
  }

  private snapshotAt(committed: number): TransportSnapshot {
    return this.snapshots.find((s) => s.epoch > committed)?.snap ?? this.transport.snapshot();
  }

  private observeOut(m: SipMessage, retx: boolean): void {
    const e = this.d.epoch();
    if (m.method === SipMethod.Register && m.status === SipStatus.Ok) {
      if (!this.registered.has(m.tx)) this.registered.set(m.tx, e);
      const expiresAt = this.d.sim.now + sec(DEFAULT_UAS.registerExpiresS);
      const b = this.bindings.get(m.aor);
      if (b) b.expiresAt = expiresAt;
      else this.bindings.set(m.aor, { first: e, expiresAt });
      return;
    }
    if (m.method === SipMethod.Invite && m.status >= SipStatus.Ringing) {
      let r = this.dialogs.get(m.dialog);
      if (!r) {
        r = { created: e, okEpoch: Infinity, ok: undefined, confirmed: Infinity, ended: Infinity };
        this.dialogs.set(m.dialog, r);
      }
      if (m.status === SipStatus.Ok && !retx && r.okEpoch === Infinity) {
        r.okEpoch = e;
        r.ok = m;
      }
      return;
    }
    if (m.method === SipMethod.Bye && m.status === SipStatus.Ok) {
      const r = this.dialogs.get(m.dialog);
      if (r && r.ended === Infinity) r.ended = e;
    }
  }

  private observeIn(m: SipMessage): void {
    if (m.method !== SipMethod.Ack) return;
    const r = this.dialogs.get(m.dialog);
    if (r && r.confirmed === Infinity && r.okEpoch !== Infinity) r.confirmed = this.d.epoch();
  }
}
