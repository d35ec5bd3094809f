import type { Buckets } from './buckets';
import { f32, f64, u16, u32, u8, type Column, type Reserve } from './column';
import type { Slab } from './slab';

/** Slices of one core, in typed columns (sorted by start; ends are sorted too, slices do not overlap). */
export interface SliceLane {
  readonly key: number;
  start: Float64Array;
  end: Float64Array;
  vm: Uint16Array;
  flags: Uint8Array;
  /** Busy time (µs) per 1 ms bucket, per VM. */
  readonly busy: Map<number, Buckets>;
}

export interface EpochView {
  suspend: number;
  resume: number;
  sent: number;
  ack: number;
}

/** RTP arrivals of one stream. */
export interface RtpSeries {
  t: Float64Array;
  jitterMs: Float32Array;
  delayMs: Float32Array;
  /** RTP sequence numbers (the loss bands count gaps in them, RFC 3550 A.3). */
  seq: Uint32Array;
}

/** The columns behind a lane of slices, and the lane readers see (refreshed per batch). */
export interface LaneCols {
  readonly view: SliceLane;
  readonly start: Column<Float64Array>;
  readonly end: Column<Float64Array>;
  readonly vm: Column<Uint16Array>;
  readonly flags: Column<Uint8Array>;
}

/** The columns behind one RTP stream. */
export interface RtpCols {
  readonly view: RtpSeries;
  readonly t: Column<Float64Array>;
  readonly jitter: Column<Float32Array>;
  readonly delay: Column<Float32Array>;
  readonly seq: Column<Uint32Array>;
}

/** A lane's columns; `max`: the most slices it can keep (its columns grow in place up to it). */
export function laneCols(key: number, max: number): LaneCols {
  const r: Reserve = { max };
  const [start, end, vm, flags] = [f64(r), f64(r), u16(r), u8(r)];
  const view: SliceLane = {
    key,
    start: start.values,
    end: end.values,
    vm: vm.values,
    flags: flags.values,
    busy: new Map(),
  };
  return { view, start, end, vm, flags };
}

/**
 * Stream `stream`'s columns, their first buffers carved from `slab` (the run's streams share it),
 * with room for 256–511 arrivals depending on the stream: the streams of a run fill at one pace,
 * and with one size they would all outgrow it — thousands of allocations — in the same chunk.
 */
export function rtpCols(slab: Slab, stream: number): RtpCols {
  const r: Reserve = { slab, initial: 256 + ((stream * 97) % 256) };
  const [t, jitter, delay, seq] = [f64(r), f32(r), f32(r), u32(r)];
  return {
    view: { t: t.values, jitterMs: jitter.values, delayMs: delay.values, seq: seq.values },
    t,
    jitter,
    delay,
    seq,
  };
}

/** Adds n to the per-second count of the second holding tUs. */
export function bump(arr: number[], tUs: number, n: number): void {
  const k = Math.floor(tUs / 1e6);
  while (arr.length <= k) arr.push(0);
  arr[k] = (arr[k] as number) + n;
}
