/**
 * Units carried in the types. A slice length cannot be passed where a byte count is expected.
 * Simulation time is integer microseconds (DESIGN §2).
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Simulation time or duration, integer microseconds. */
export type Micros = Brand<number, 'Micros'>;
/** A size in bytes. */
export type Bytes = Brand<number, 'Bytes'>;
/** A rate in bits per second. */
export type BitsPerSecond = Brand<number, 'BitsPerSecond'>;

/** Whole microseconds from a value in microseconds (rounded: the core never holds fractions of a µs). */
export const us = (n: number): Micros => Math.round(n) as Micros;
/** Milliseconds to microseconds. */
export const ms = (n: number): Micros => Math.round(n * 1000) as Micros;
/** Seconds to microseconds. */
export const sec = (n: number): Micros => Math.round(n * 1_000_000) as Micros;
/** Byte count. */
export const bytes = (n: number): Bytes => n as Bytes;
/** Bit rate. */
export const bps = (n: number): BitsPerSecond => n as BitsPerSecond;

/** Microseconds to milliseconds, for display and summaries. */
export const toMs = (t: Micros | number): number => t / 1000;

/** Serialisation time of `size` bytes at `rate`, rounded up to a whole microsecond. */
export function transmitTime(size: Bytes, rate: BitsPerSecond): Micros {
  return Math.ceil((size * 8 * 1_000_000) / rate) as Micros;
}
