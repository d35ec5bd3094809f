import type { Slab } from './slab';

/** Typed arrays a column can be kept in. */
export type TypedColumn = Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array;

/** One growable column of numbers in a typed array; readers get `values`, refreshed by `commit`. */
export interface Column<A extends TypedColumn> {
  /** The filled part (a view on the buffer, no copy), as of the last `commit`. */
  readonly values: A;
  readonly length: number;
  /** Bytes held (capacity, not just the filled part). */
  readonly bytes: number;
  push(v: number): void;
  /** Makes `values` show every push so far. */
  commit(): void;
  /** Drops the spare capacity (once no more pushes will come: the cap was reached). */
  trim(): void;
}

/**
 * How much room a column takes: `initial` elements at first (default 256) and, where the runtime
 * has resizable ArrayBuffers, up to `max` elements grown in place.
 */
export interface Reserve {
  readonly initial?: number | undefined;
  readonly max?: number | undefined;
  /**
   * Where a small column's first buffer comes from (many columns of one run share it; see Slab).
   * Growing, it takes a buffer of its own, so what it leaves behind in the slab is its first one.
   */
  readonly slab?: Slab | undefined;
}

/** A typed-array constructor: a new buffer of `length`, or a view on one. */
export interface TypedCtor<A extends TypedColumn> {
  new (length: number): A;
  new (buffer: ArrayBuffer, byteOffset?: number, length?: number): A;
  readonly BYTES_PER_ELEMENT: number;
}

/** Whether `new ArrayBuffer(n, { maxByteLength })` makes a resizable buffer here (ES2024). */
const RESIZABLE = typeof ArrayBuffer.prototype.resize === 'function';

/**
 * A resizable buffer of `initial` elements that may grow to `max`, or null where the runtime has
 * none or refuses the reservation (a 32-bit browser short of address space): the column then
 * doubles by copy.
 */
function reserveBuffer(initial: number, max: number, bytesPer: number): ArrayBuffer | null {
  if (!RESIZABLE) return null;
  try {
    return new ArrayBuffer(initial * bytesPer, { maxByteLength: max * bytesPer });
  } catch {
    return null;
  }
}

/**
 * The growth, commit and trim every column shares. `push`, the hot path (millions per run), is
 * written once per typed-array type in the subclasses below: V8 keeps type feedback per function
 * literal, so one `push` storing into five array types — even five classes made by one factory —
 * is a megamorphic store. Measured: 6× slower per push, and 2.4 s of self time in a 16 s Chromium
 * profile of an 800-stream run (ADR 0021, addendum 3).
 *
 * A column with a `max` lives in a resizable ArrayBuffer that reserves `max` elements of address
 * space and grows in place: doubling by copy made the long tasks of a many-stream run, since the
 * big columns (slices, buffer changes) double together, each copy allocating the new buffer and
 * leaving the old one for a full collection (ADR 0021, addendum 5).
 */
abstract class ColumnBase<A extends TypedColumn> implements Column<A> {
  protected buf: A;
  protected n = 0;
  values: A;
  /** The resizable buffer `buf` tracks, while it has room. */
  private rab: ArrayBuffer | null = null;

  constructor(
    private readonly ctor: TypedCtor<A>,
    reserve: Reserve = {},
  ) {
    const initial = Math.max(1, Math.floor(reserve.initial ?? 256));
    const max = Math.floor(reserve.max ?? 0);
    if (reserve.slab) {
      this.buf = reserve.slab.take(ctor, initial);
    } else {
      this.rab = max > initial ? reserveBuffer(initial, max, ctor.BYTES_PER_ELEMENT) : null;
      // Length-tracking: the view follows the buffer's size as it grows.
      this.buf = this.rab ? new ctor(this.rab) : new ctor(initial);
    }
    this.values = this.buf.subarray(0, 0) as A;
  }

  get length(): number {
    return this.n;
  }

  get bytes(): number {
    return this.buf.byteLength;
  }

  abstract push(v: number): void;

  /** Doubles the room (pushes stay amortised O(1)): in place while the reservation lasts, else by copy. */
  protected grow(): void {
    const rab = this.rab;
    if (rab && rab.byteLength < rab.maxByteLength) {
      try {
        rab.resize(Math.min(rab.maxByteLength, rab.byteLength * 2));
        return;
      } catch {
        // The pages could not be committed: go on by copy, which may still find the memory.
      }
    }
    this.rab = null;
    const next = new this.ctor(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }

  commit(): void {
    const v = this.values;
    // A column carved from a slab shares its buffer object with others: the offset tells it apart.
    if (v.length !== this.n || v.buffer !== this.buf.buffer || v.byteOffset !== this.buf.byteOffset)
      this.values = this.buf.subarray(0, this.n) as A;
  }

  trim(): void {
    if (this.buf.length === this.n) return;
    this.rab = null;
    this.buf = this.buf.slice(0, this.n) as A;
    this.values = this.buf.subarray(0, this.n) as A;
  }
}

class F64 extends ColumnBase<Float64Array> {
  constructor(reserve?: Reserve) {
    super(Float64Array, reserve);
  }
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v;
  }
}

class F32 extends ColumnBase<Float32Array> {
  constructor(reserve?: Reserve) {
    super(Float32Array, reserve);
  }
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v;
  }
}

class U32 extends ColumnBase<Uint32Array> {
  constructor(reserve?: Reserve) {
    super(Uint32Array, reserve);
  }
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v;
  }
}

class U16 extends ColumnBase<Uint16Array> {
  constructor(reserve?: Reserve) {
    super(Uint16Array, reserve);
  }
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v;
  }
}

class U8 extends ColumnBase<Uint8Array> {
  constructor(reserve?: Reserve) {
    super(Uint8Array, reserve);
  }
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v;
  }
}

export const f64 = (reserve?: Reserve): Column<Float64Array> => new F64(reserve);
export const f32 = (reserve?: Reserve): Column<Float32Array> => new F32(reserve);
export const u32 = (reserve?: Reserve): Column<Uint32Array> => new U32(reserve);
export const u16 = (reserve?: Reserve): Column<Uint16Array> => new U16(reserve);
export const u8 = (reserve?: Reserve): Column<Uint8Array> => new U8(reserve);
