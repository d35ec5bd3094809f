/** Typed arrays a column can be kept in. */
export type TypedColumn = Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * One growable column of numbers in a typed array: 8 bytes a time (Float64), 4 a value
 * (Float32) or 1–2 an id, instead of a JS array of boxed numbers or an object per record. Readers
 * get `values`, a view of the filled part that is refreshed by `commit` after each batch.
 */
export class Column<A extends TypedColumn> {
  private buf: A;
  private n = 0;
  /** The filled part (a view on the buffer, no copy), as of the last `commit`. */
  values: A;

  constructor(private readonly make: (n: number) => A) {
    this.buf = make(256);
    this.values = this.buf.subarray(0, 0) as A;
  }

  get length(): number {
    return this.n;
  }

  /** Bytes held (capacity, not just the filled part). */
  get bytes(): number {
    return this.buf.byteLength;
  }

  push(v: number): void {
    if (this.n === this.buf.length) {
      // Doubling keeps pushes amortised O(1); the old buffer becomes garbage at once.
      const next = this.make(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = v;
  }

  /** Makes `values` show every push so far. */
  commit(): void {
    if (this.values.length !== this.n || this.values.buffer !== this.buf.buffer)
      this.values = this.buf.subarray(0, this.n) as A;
  }
}

export const f64 = (): Column<Float64Array> => new Column((n) => new Float64Array(n));
export const f32 = (): Column<Float32Array> => new Column((n) => new Float32Array(n));
export const u32 = (): Column<Uint32Array> => new Column((n) => new Uint32Array(n));
export const u16 = (): Column<Uint16Array> => new Column((n) => new Uint16Array(n));
export const u8 = (): Column<Uint8Array> => new Column((n) => new Uint8Array(n));
