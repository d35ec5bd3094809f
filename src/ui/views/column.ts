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
 * A column class for one typed-array type: 8 bytes a time (Float64), 4 a value (Float32) or 1–2
 * an id, instead of a JS array of boxed numbers or an object per record. One class per type, not
 * one generic class: a single `push` storing into five array types would be megamorphic in V8,
 * and pushes are the hot path (millions per run).
 */
function columnOf<A extends TypedColumn>(make: (n: number) => A): new () => Column<A> {
  return class {
    private buf: A = make(256);
    private n = 0;
    values: A = this.buf.subarray(0, 0) as A;

    get length(): number {
      return this.n;
    }

    get bytes(): number {
      return this.buf.byteLength;
    }

    push(v: number): void {
      if (this.n === this.buf.length) {
        // Doubling keeps pushes amortised O(1); the old buffer becomes garbage at once.
        const next = make(this.buf.length * 2);
        next.set(this.buf);
        this.buf = next;
      }
      this.buf[this.n++] = v;
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
  };
}

const F64 = columnOf((n) => new Float64Array(n));
const F32 = columnOf((n) => new Float32Array(n));
const U32 = columnOf((n) => new Uint32Array(n));
const U16 = columnOf((n) => new Uint16Array(n));
const U8 = columnOf((n) => new Uint8Array(n));

export const f64 = (): Column<Float64Array> => new F64();
export const f32 = (): Column<Float32Array> => new F32();
export const u32 = (): Column<Uint32Array> => new U32();
export const u16 = (): Column<Uint16Array> => new U16();
export const u8 = (): Column<Uint8Array> => new U8();
