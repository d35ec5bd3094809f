import { TraceKind, concatBatches, type TraceBatch } from '../../src/sim/engine/trace';

/** One slice of CPU time: start and end (µs) and the VM that ran. */
export interface Slice {
  readonly t: number;
  readonly end: number;
  readonly vm: number;
}

/** The slices one core ran (entity = host · 256 + core; 1 = the primary's core 1), in time order. */
export function slicesOn(trace: TraceBatch | readonly TraceBatch[], entity?: number): Slice[] {
  const all = Array.isArray(trace) ? concatBatches(trace) : (trace as TraceBatch);
  const out: Slice[] = [];
  for (let i = 0; i < all.count; i++)
    if (all.kind[i] === TraceKind.Slice && (entity === undefined || all.entity[i] === entity))
      out.push({ t: all.t[i] as number, end: all.a[i] as number, vm: all.b[i] as number });
  return out.sort((x, y) => x.t - y.t);
}
