/**
 * Registrar and proxy state as memory: location bindings (RFC 3261 §10.3), dialogs (§12) and
 * server transactions (§17.2) live in fixed-size records in an arena, so every create, refresh and delete is a write at a
 * known address. The replication model can turn those writes into dirtied pages
 * (`DirtyPageCounter`): state that grows with the load makes the checkpoints grow with it.
 */

/** Receives every write to the tables: its size and its byte address. */
export interface StateWriteSink {
  onWrite(bytes: number, key: number): void;
}

/**
 * Record sizes (estimates). A binding holds the AOR, the Contact URI, Call-ID, CSeq, expiry,
 * received address, path and User-Agent as strings, as Kamailio's usrloc `ucontact` does:
 * ~ 400 B with typical URIs. A dialog holds Call-ID, both tags and URIs, the route set,
 * both CSeqs, its state and timers, as Kamailio's `dlg_cell`: ~ 1 KiB.
 */
export const BINDING_BYTES = 384;
export const DIALOG_BYTES = 1024;
/**
 * A server transaction (estimate): Kamailio's tm `struct cell` with the request's key fields
 * (~ 1 KiB), then a copy of the last response for retransmission (§17.2.1, 17.2.2).
 */
export const TRANSACTION_BYTES = 1536;
const TRANSACTION_RESPONSE_OFFSET = 1024;
/** A refresh or state change rewrites a few words: expiry/CSeq or the state field. */
export const FIELD_UPDATE_BYTES = 16;
/** x86 page size, the unit Xen's log-dirty mode tracks (xen/include/asm-x86/page.h). */
export const PAGE_BYTES = 4096;

/**
 * Records in slots of an arena starting at `base`; freed slots are reused (lowest first, as
 * a free list would hand them out), so the touched memory follows the live count.
 */
class Arena {
  private readonly slotOf = new Map<number, number>();
  private readonly free: number[] = [];
  private highWater = 0;

  constructor(
    private readonly base: number,
    readonly recordBytes: number,
    private readonly sink: StateWriteSink | undefined,
  ) {}

  get size(): number {
    return this.slotOf.size;
  }

  /** Slots ever used: the arena's footprint. */
  get slots(): number {
    return this.highWater;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  /** Creates the record (a full write) or, when it exists, updates a field. */
  write(id: number): boolean {
    const slot = this.slotOf.get(id);
    if (slot !== undefined) {
      this.sink?.onWrite(FIELD_UPDATE_BYTES, this.address(slot));
      return false;
    }
    const s = this.free.length > 0 ? this.takeLowestFree() : this.highWater++;
    this.slotOf.set(id, s);
    this.sink?.onWrite(this.recordBytes, this.address(s));
    return true;
  }

  /** Writes `bytes` at `offset` inside an existing record. */
  update(id: number, offset: number, bytes: number): void {
    const slot = this.slotOf.get(id);
    if (slot !== undefined) this.sink?.onWrite(bytes, this.address(slot) + offset);
  }

  /** Deletes the record (unlinking it writes its list pointers). */
  remove(id: number): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.free.push(slot);
    this.sink?.onWrite(FIELD_UPDATE_BYTES, this.address(slot));
    return true;
  }

  /** Forgets everything without writing (the memory holding it is gone). */
  clear(): void {
    this.slotOf.clear();
    this.free.length = 0;
    this.highWater = 0;
  }

  private address(slot: number): number {
    return this.base + slot * this.recordBytes;
  }

  private takeLowestFree(): number {
    let best = 0;
    for (let i = 1; i < this.free.length; i++) {
      if ((this.free[i] as number) < (this.free[best] as number)) best = i;
    }
    const s = this.free[best] as number;
    this.free[best] = this.free[this.free.length - 1] as number;
    this.free.pop();
    return s;
  }
}

/** Arena bases: far enough apart that the two tables never share a page. */
const BINDINGS_BASE = 0;
const DIALOGS_BASE = 1 << 30;
const TRANSACTIONS_BASE = 2 ** 31;

/** Location service: one binding per AOR with its expiry (µs). */
export class LocationTable {
  private readonly arena: Arena;
  private readonly expiry = new Map<number, number>();

  constructor(sink?: StateWriteSink) {
    this.arena = new Arena(BINDINGS_BASE, BINDING_BYTES, sink);
  }

  get size(): number {
    return this.arena.size;
  }

  /** Bytes of the slots in use so far. */
  get bytes(): number {
    return this.arena.slots * BINDING_BYTES;
  }

  /** REGISTER: adds or refreshes the binding of `aor` until `expiresAt`. True when new. */
  bind(aor: number, expiresAt: number): boolean {
    this.expiry.set(aor, expiresAt);
    return this.arena.write(aor);
  }

  /** Whether `aor` has a binding valid at `now`. */
  isBound(aor: number, now: number): boolean {
    const e = this.expiry.get(aor);
    return e !== undefined && e > now;
  }

  /** Removes bindings expired by `now` (a registrar's periodic timer). Returns how many. */
  expire(now: number): number {
    let n = 0;
    for (const [aor, e] of this.expiry) {
      if (e > now) continue;
      this.expiry.delete(aor);
      this.arena.remove(aor);
      n++;
    }
    return n;
  }

  /** The state is lost (a server restarted without it). */
  clear(): void {
    this.expiry.clear();
    this.arena.clear();
  }
}

/** Dialog state of a UAS or a stateful proxy: early (after 1xx) then confirmed (after ACK). */
export class DialogTable {
  private readonly arena: Arena;
  private readonly confirmed = new Set<number>();

  constructor(sink?: StateWriteSink) {
    this.arena = new Arena(DIALOGS_BASE, DIALOG_BYTES, sink);
  }

  get size(): number {
    return this.arena.size;
  }

  get bytes(): number {
    return this.arena.slots * DIALOG_BYTES;
  }

  has(dialog: number): boolean {
    return this.arena.has(dialog);
  }

  isConfirmed(dialog: number): boolean {
    return this.confirmed.has(dialog);
  }

  /** An early dialog from a provisional or 2xx response (§12.1.1). */
  create(dialog: number): void {
    this.arena.write(dialog);
  }

  /** The ACK confirmed the dialog: its state field is written. */
  confirm(dialog: number): void {
    if (!this.arena.has(dialog) || this.confirmed.has(dialog)) return;
    this.confirmed.add(dialog);
    this.arena.write(dialog);
  }

  /** BYE or an ACK timeout ended the dialog. */
  remove(dialog: number): boolean {
    this.confirmed.delete(dialog);
    return this.arena.remove(dialog);
  }

  clear(): void {
    this.confirmed.clear();
    this.arena.clear();
  }
}

/**
 * Server transactions held by a stateful server: a record from the request's arrival to
 * Terminated, so over UDP a non-INVITE transaction holds memory for Timer J (32 s) after its
 * answer, over TCP not at all.
 */
export class TransactionTable {
  private readonly arena: Arena;

  constructor(sink?: StateWriteSink) {
    this.arena = new Arena(TRANSACTIONS_BASE, TRANSACTION_BYTES, sink);
  }

  get size(): number {
    return this.arena.size;
  }

  get bytes(): number {
    return this.arena.slots * TRANSACTION_BYTES;
  }

  open(tx: number): void {
    this.arena.write(tx);
  }

  /** A response is stored for retransmission (copies of it are sent from the same buffer). */
  respond(tx: number, bytes: number): void {
    this.arena.update(tx, TRANSACTION_RESPONSE_OFFSET, bytes);
  }

  close(tx: number): void {
    this.arena.remove(tx);
  }

  clear(): void {
    this.arena.clear();
  }
}

/**
 * A StateWriteSink counting the distinct pages written since the last `takeEpoch`, the way
 * log-dirty mode reports a checkpoint's dirty set.
 */
export class DirtyPageCounter implements StateWriteSink {
  private pages = new Set<number>();
  writes = 0;
  bytesWritten = 0;

  onWrite(bytes: number, key: number): void {
    this.writes++;
    this.bytesWritten += bytes;
    const first = Math.floor(key / PAGE_BYTES);
    const last = Math.floor((key + bytes - 1) / PAGE_BYTES);
    for (let p = first; p <= last; p++) this.pages.add(p);
  }

  /** Pages dirtied since the last call; starts a new epoch. */
  takeEpoch(): number {
    const n = this.pages.size;
    this.pages = new Set();
    return n;
  }
}
