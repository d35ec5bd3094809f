/**
 * Trace records {t, kind, entity, a, b, c} in columnar batches. The core emits records; the UI
 * and the summaries derive views from them. Columns are typed arrays so a batch can be
 * transferred from the worker without copying. The meaning of a, b, c per kind is below and in
 * docs/trace.md.
 */
export const TraceKind = {
  /** CPU slice. entity = host · 256 + core; t = start; a = end; b = VM id; c = flags (TraceFlag). */
  Slice: 1,
  /** Checkpoint epoch, recorded when acknowledged. entity = VM id; t = suspend; a = resume; b = transfer done; c = ack. */
  Epoch: 2,
  /** Output buffer occupancy after the changes at one µs (TraceRecorder.setState). entity = VM id; a = packets held; b = bytes held. */
  Buffer: 3,
  /** Output buffer release. entity = VM id; a = packets released; b = RTP packets among them; c = epoch. */
  Release: 4,
  /** RTP packet received. entity = stream; a = seq; b = one-way delay µs; c = RFC 3550 jitter after it (ms). */
  RtpRx: 5,
  /** RTP packet discarded by the playout buffer (late). entity = stream; a = seq; b = lateness µs. */
  RtpLate: 6,
  /** Packet dropped. entity = DropReason; a = packet kind; b = packet id. */
  Drop: 7,
  /** Heartbeat / failover event. entity = node; a = HbEvent; b = 1 on DeclaredDead when the primary was in fact alive (false failover). */
  Hb: 8,
  /** SIP transaction event. entity = client; a = SipEvent; b = attempt; c = latency µs (success). */
  Sip: 9,
  /** Checkpoint pause started (entity = VM id; a = dirty pages). */
  Pause: 10,
  /** Ping reply received. entity = target VM; a = sequence number; b = round-trip time µs. */
  Ping: 11,
  /** Bulk transmit per 100 ms bin. entity = VM; t = bin start; a = on-wire bits sent; b = packets sent; c = TX ring occupancy at the bin's end. */
  NicTx: 12,
  /** Bulk drops per 100 ms bin. entity = VM; t = bin start; a = place (1 netfront limit, 2 ring full, 3 tc, 4 queue to the NIC); b = packets. */
  NicDrop: 13,
  /** DBA-VM allocation. entity = VM; a = bit/s; b = packet/s. */
  DbaAlloc: 14,
  /**
   * RTP packets that will never arrive (dropped on the path, or not sent because the sending VM was
   * down), counted per 100 ms bin of when they ended: entity = DropReason; t = bin start; a = the
   * second they were sent in (when the receiver starts missing them); b = packets; c = the first
   * of them's end (µs).
   */
  RtpLost: 15,
  /** Other drops at a full queue per 100 ms bin. entity = DropReason; t = bin start; a = packet kind; b = packets; c = the first drop (µs). */
  QueueDrop: 16,
  /** Deployment event (host, VM, link). entity, a = TopoEvent, b, c: see TopoEvent. */
  Topo: 17,
  /**
   * One SIP message copy of the RFC 3261 stack, at its arrival (or its loss): entity = exchange
   * (a call's dialog or a REGISTER's transaction, src/sim/telephony/sip-trace.ts); a = status·8 +
   * method; b = SipMsgFlag bits; c = when it was sent (µs).
   */
  SipMsg: 18,
  /**
   * Live migration step (MigEvent in a). entity = VM id. Round and StopCopy: t = round start,
   * b = pages, c = round end (µs). Requested: b = 1 for a graceful shutdown. StreamStart,
   * Resume, ClientsFollow, DevicesPlugged: b = target host (DevicesPlugged: c = plug start µs);
   * Pause: b = source host. Arp: b = ARP number (0-based). Interrupted: b = 1 when
   * the guest was lost, 0 when the source kept it.
   */
  Migration: 19,
  /**
   * A workload's progress per 100 ms bin (src/sim/workloads/workload-meter.ts), recorded when
   * anything changed: entity = slot (1–8); t = the bin's first unit done (the bin start when
   * none was; the bin is t less t mod 100 ms); a = units done (packets received, replies,
   * segments acknowledged); b = units failed (packets lost, client time-outs, segments sent
   * again); c = the done units' latencies summed, µs (one-way delay; first SYN → reply; 0).
   */
  Workload: 20,
  /** A workload finished (a transfer's last ACK): entity = slot; t = when. */
  WorkloadDone: 21,
  /** A 100 ms bin with work done was followed by one without: entity = slot; t = the last unit done. */
  WorkloadIdle: 22,
  /** A workload's clients start (its `startS`, 0.2 s at the earliest): entity = slot; t = when. */
  WorkloadStart: 23,
  /**
   * The ping probe sent its last echo request (`ping.count`): entity = VM pinged; a = that
   * request's sequence number. After it the probe asks nothing, so a silence is no outage.
   */
  PingDone: 24,
} as const;
export type TraceKind = (typeof TraceKind)[keyof typeof TraceKind];

/** Slice flags. */
export const TraceFlag = { Boost: 1, Switch: 2, Dom0: 4, Micro: 8 } as const;

/** Heartbeat lane events. */
export const HbEvent = {
  BeatSent: 1,
  BeatReceived: 2,
  Warn: 3,
  DeclaredDead: 4,
  Takeover: 5,
  GratuitousArp: 6,
  Crash: 7,
  CheckpointReceived: 8,
  /** An expected heartbeat did not arrive (one per keepalive period after the last beat heard). */
  BeatMissed: 9,
  /** The fence device confirmed the peer powered off (STONITH before takeover). */
  Fenced: 10,
  /** A cluster manager's membership changed at node entity (a host): b = members, c = 1 quorate. */
  Membership: 11,
  /** Node entity asks the fence device to power host b off. */
  FenceRequest: 12,
  /**
   * The cluster manager stopped VM b's group on node entity; c says why: 1 no quorum, 2 failback
   * to its home host, 3 the node's standby (or the VM migrated away), 0 other.
   */
  ResourceStopped: 13,
} as const;

/**
 * Deployment events (ADR 16): where VMs run and what failed. entity = host number (1–4) or VM
 * number, as the event says; a = TopoEvent; b = the other party (a VM's new host, the peer host).
 */
export const TopoEvent = {
  HostDown: 1,
  HostUp: 2,
  VmDown: 3,
  /** A VM runs on host b (start, takeover, restart). entity = VM. */
  VmActive: 4,
  LinkDown: 5,
  LinkUp: 6,
  /** A Remus primary gave up its backup and runs unprotected. entity = VM; b = host. */
  Unprotected: 7,
  /** Replication (re)starts towards host b after a resynchronisation. entity = VM. */
  Protected: 8,
  /** Two active copies of VM entity (split brain) on hosts b and c. */
  SplitBrain: 9,
} as const;

/** Live-migration lane events. */
export const MigEvent = {
  Requested: 1,
  StreamStart: 2,
  Round: 3,
  StopCopy: 4,
  Resume: 5,
  Arp: 6,
  ClientsFollow: 7,
  Interrupted: 8,
  /** The guest stops running on the source (b = source host). */
  Pause: 9,
  /** The target's devices are plugged, "ready" goes out (b = target host, c = plug start µs). */
  DevicesPlugged: 10,
} as const;

/** SIP lane events. */
export const SipEvent = {
  Sent: 1,
  Retransmit: 2,
  Success: 3,
  Timeout: 4,
  LostAfterAck: 5,
} as const;

/** One columnar batch of trace records. */
export interface TraceBatch {
  readonly count: number;
  readonly t: Float64Array;
  readonly kind: Uint8Array;
  readonly entity: Uint32Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
}

/** Appends records to growable columns and hands them out as batches. */
export class TraceRecorder {
  private cap = 4096;
  private n = 0;
  private t = new Float64Array(this.cap);
  private kind = new Uint8Array(this.cap);
  private entity = new Uint32Array(this.cap);
  private a = new Float64Array(this.cap);
  private b = new Float64Array(this.cap);
  private c = new Float64Array(this.cap);
  private total = 0;
  /** Records of the current chunk already handed out by `takeNew`. */
  private streamed = 0;

  /** Records appended since the recorder was made. */
  get recorded(): number {
    return this.total;
  }

  /** Appends one record. */
  add(t: number, kind: TraceKind, entity: number, a = 0, b = 0, c = 0): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.t[i] = t;
    this.kind[i] = kind;
    this.entity[i] = entity;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.total++;
  }

  /**
   * Records a state (such as an occupancy) that replaces the one recorded at the same µs: when the
   * last record is of this kind and entity at `t`, and not yet handed out, its values change in
   * place; otherwise it appends. A burst of changes at one instant (a NAPI poll's packets) is then
   * one record, the state after them, which is all a step plot of the state can show.
   */
  setState(t: number, kind: TraceKind, entity: number, a = 0, b = 0, c = 0): void {
    const i = this.n - 1;
    if (
      i >= this.streamed &&
      this.t[i] === t &&
      this.kind[i] === kind &&
      this.entity[i] === entity
    ) {
      this.a[i] = a;
      this.b[i] = b;
      this.c[i] = c;
      return;
    }
    this.add(t, kind, entity, a, b, c);
  }

  /** Returns the records since the last drain as a batch with its own buffers, and empties the columns. */
  drain(): TraceBatch {
    const n = this.n;
    const batch: TraceBatch = {
      count: n,
      t: this.t.slice(0, n),
      kind: this.kind.slice(0, n),
      entity: this.entity.slice(0, n),
      a: this.a.slice(0, n),
      b: this.b.slice(0, n),
      c: this.c.slice(0, n),
    };
    this.n = 0;
    this.streamed = 0;
    return batch;
  }

  /**
   * The records appended since the last `takeNew` (or drain), as a batch with its own buffers, while
   * the recorder keeps them for `endChunk`: a run can stream part of a chunk before it is complete.
   */
  takeNew(): TraceBatch {
    const from = this.streamed;
    const n = this.n;
    this.streamed = n;
    return {
      count: n - from,
      t: this.t.slice(from, n),
      kind: this.kind.slice(from, n),
      entity: this.entity.slice(from, n),
      a: this.a.slice(from, n),
      b: this.b.slice(from, n),
      c: this.c.slice(from, n),
    };
  }

  /**
   * Every record of the chunk, as views on the recorder's columns (no copy; valid until the next
   * `add`), and empties the columns. The trace hash folds whole chunks column by column, so it
   * must see a chunk at once however the chunk was streamed.
   */
  endChunk(): TraceBatch {
    const n = this.n;
    const batch: TraceBatch = {
      count: n,
      t: this.t.subarray(0, n),
      kind: this.kind.subarray(0, n),
      entity: this.entity.subarray(0, n),
      a: this.a.subarray(0, n),
      b: this.b.subarray(0, n),
      c: this.c.subarray(0, n),
    };
    this.n = 0;
    this.streamed = 0;
    return batch;
  }

  private grow(): void {
    this.cap *= 2;
    const g = <T extends Float64Array | Uint8Array | Uint32Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(this.cap);
      next.set(old);
      return next;
    };
    this.t = g(this.t, (n) => new Float64Array(n));
    this.kind = g(this.kind, (n) => new Uint8Array(n));
    this.entity = g(this.entity, (n) => new Uint32Array(n));
    this.a = g(this.a, (n) => new Float64Array(n));
    this.b = g(this.b, (n) => new Float64Array(n));
    this.c = g(this.c, (n) => new Float64Array(n));
  }
}

/** Joins batches into one (used by summaries and tests). */
export function concatBatches(batches: readonly TraceBatch[]): TraceBatch {
  const count = batches.reduce((s, b) => s + b.count, 0);
  const out = {
    count,
    t: new Float64Array(count),
    kind: new Uint8Array(count),
    entity: new Uint32Array(count),
    a: new Float64Array(count),
    b: new Float64Array(count),
    c: new Float64Array(count),
  };
  let off = 0;
  for (const b of batches) {
    out.t.set(b.t, off);
    out.kind.set(b.kind, off);
    out.entity.set(b.entity, off);
    out.a.set(b.a, off);
    out.b.set(b.b, off);
    out.c.set(b.c, off);
    off += b.count;
  }
  return out;
}

/** Records [from, to) of a batch, as views on its columns (no copy). */
export function sliceBatch(b: TraceBatch, from: number, to: number): TraceBatch {
  return {
    count: to - from,
    t: b.t.subarray(from, to),
    kind: b.kind.subarray(from, to),
    entity: b.entity.subarray(from, to),
    a: b.a.subarray(from, to),
    b: b.b.subarray(from, to),
    c: b.c.subarray(from, to),
  };
}
