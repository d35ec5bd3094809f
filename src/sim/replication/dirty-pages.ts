/** 4 KiB pages (x86): the unit Xen's log-dirty mode tracks and Remus copies. */
export const PAGE_BYTES = 4096;

/**
 * Sizes of the VoIP application's state entries. Modelling assumptions, not measured: a location
 * binding is about a Kamailio usrloc contact record (struct ucontact with its Contact, Call-ID,
 * received, path and User-Agent strings in one shared-memory chunk); a REGISTER server
 * transaction is about a tm cell with its cloned request and the stored 200 OK; a relay session's
 * per-packet counters and timestamps are about RTPProxy's per-session statistics.
 */
export const STATE_ENTRY_BYTES: StateEntryBytes = { binding: 512, transaction: 2048, session: 512 };

/** Bytes of one entry of each table. */
export interface StateEntryBytes {
  readonly binding: number;
  readonly transaction: number;
  readonly session: number;
}

/**
 * Server transactions live until Timer J fires, 64·T1 = 32 s after the final response (RFC 3261
 * 17.2.2, UDP); at the highest REGISTER rate the scenario allows (10 000/s) that is 320 000 live
 * transactions. Their slots are reused in order, like an allocator's free list under steady load.
 */
const TRANSACTION_SLOTS = 10_000 * 32;

/** Where each table starts, in pages: bindings first, then transactions, then sessions. */
interface Layout {
  readonly bindingPages: number;
  readonly transactionBase: number;
  readonly sessionBase: number;
}

/**
 * The pages the VoIP application writes during one epoch, as Xen's log-dirty bitmap sees them:
 * each table is an array of fixed-size entries laid over 4 KiB pages, a write marks every page its
 * entry touches, and a page written twice in one epoch is copied once. Remus takes the set at each
 * suspend (and the bitmap is cleared).
 */
export class DirtyPageLog {
  private readonly layout: Layout;
  /** One byte per page of the state (the log-dirty bitmap), and the pages set this epoch (to count and clear). */
  private bitmap: Uint8Array;
  private dirty: number[] = [];

  constructor(
    /** Distinct addresses-of-record the location table holds (telephony.sipClients). */
    users: number,
    private readonly entry: StateEntryBytes = STATE_ENTRY_BYTES,
  ) {
    const bindingPages = Math.ceil((users * entry.binding) / PAGE_BYTES);
    const transactionBase = bindingPages;
    const sessionBase =
      transactionBase + Math.ceil((TRANSACTION_SLOTS * entry.transaction) / PAGE_BYTES);
    this.layout = { bindingPages, transactionBase, sessionBase };
    this.bitmap = new Uint8Array(sessionBase + 1024);
  }

  /** The registrar rewrote the binding of address-of-record `aor`. */
  binding(aor: number): void {
    this.touch(0, aor, this.entry.binding);
  }

  /** A new REGISTER server transaction `id` was created. */
  transaction(id: number): void {
    this.touch(this.layout.transactionBase, id % TRANSACTION_SLOTS, this.entry.transaction);
  }

  /** The relay updated the session of `call` (counters, last-seen time) for one RTP packet. */
  session(call: number): void {
    this.touch(this.layout.sessionBase, call, this.entry.session);
  }

  /** Distinct pages written since the last take; starts a new epoch's set. */
  take(): number {
    const n = this.dirty.length;
    for (const p of this.dirty) this.bitmap[p] = 0;
    this.dirty = [];
    return n;
  }

  /** Pages written so far in this epoch. */
  get size(): number {
    return this.dirty.length;
  }

  private touch(base: number, index: number, bytes: number): void {
    const first = Math.floor((index * bytes) / PAGE_BYTES);
    const last = Math.floor(((index + 1) * bytes - 1) / PAGE_BYTES);
    for (let p = base + first; p <= base + last; p++) {
      if (p >= this.bitmap.length) this.grow(p);
      if (this.bitmap[p] === 1) continue;
      this.bitmap[p] = 1;
      this.dirty.push(p);
    }
  }

  /** Sessions beyond the first 1024 pages' worth (more calls): the bitmap grows. */
  private grow(page: number): void {
    const b = new Uint8Array(Math.max(page + 1, this.bitmap.length * 2));
    b.set(this.bitmap);
    this.bitmap = b;
  }
}
