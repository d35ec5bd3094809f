/** The typed arrays the model grows by copy: per-stream and per-packet state. */
type Growable = Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/**
 * `a` itself while it holds `atLeast` elements, else a copy doubled until it does (the new
 * elements zero). Doubling keeps the copies amortised O(1) per element.
 */
export function grownTo<T extends Growable>(a: T, atLeast: number): T {
  if (atLeast <= a.length) return a;
  let n = Math.max(1, a.length);
  while (n < atLeast) n *= 2;
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a);
  return b;
}
