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
 * The growth, commit and trim every column shares. `push`, the hot path (millions per run), is
 * written once per typed-array type in the subclasses below: V8 keeps type feedback per function
 * literal, so one `push` storing into five array types — even five classes made by one factory —
 * is a megamorphic store. Measured: 6× slower per push, and 2.4 s of self time in a 16 s Chromium
 * profile of an 800-stream run (ADR 0021, addendum 3).
 */
abstract class ColumnBase<A extends TypedColumn> implements Column<A> {
  protected buf: A;
  protected n = 0;
  values: A;

  constructor(private readonly make: (n: number) => A) {
    this.buf = make(256);
    this.values = this.buf.subarray(0, 0) as A;
  }

  get length(): number {
    return this.n;
  }

  get bytes(): number {
    return this.buf.byteLength;
  }

  abstract push(v: number): void;

  /** Doubles the buffer (pushes stay amortised O(1)); the old one becomes garbage at once. */
  protected grow(): void {
    const next = this.make(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }

  commit(): void {
    if (this.values.length !== this.n || this.values.buffer !== this.buf.buffer)
      this.values = this.buf.subarray(0, this.n) as A;
  }

  trim(): void {
    if (this.buf.length === this.n) return;
    this.buf = this.buf.slice(0, this.n) as A;
    this.values = this.buf.subarray(0, this.n) as A;
  }
}

class F64 extends ColumnBase<Float64Array> {
  constructor() {
    super((n) => new Float64Array(n));
  }
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v;
  }
}

class F32 extends ColumnBase<Float32Array> {
  constructor() {
    super((n) => new Float32Array(n));
  }
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v;
  }
}

class U32 extends ColumnBase<Uint32Array> {
  constructor() {
    super((n) => new Uint32Array(n));
  }
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v;
  }
}

class U16 extends ColumnBase<Uint16Array> {
  constructor() {
    super((n) => new Uint16Array(n));
  }
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v;
  }
}

class U8 extends ColumnBase<Uint8Array> {
  constructor() {
    super((n) => new Uint8Array(n));
  }
  push(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v;
  }
}

export const f64 = (): Column<Float64Array> => new F64();
export const f32 = (): Column<Float32Array> => new F32();
export const u32 = (): Column<Uint32Array> => new U32();
export const u16 = (): Column<Uint16Array> => new U16();
export const u8 = (): Column<Uint8Array> => new U8();
