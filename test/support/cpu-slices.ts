import { TraceKind, type TraceBatch } from '../../src/sim/engine/trace';

/**
 * The run's CPU slices checked and summed: a slice that is empty or outside the run, or that
 * overlaps the one before it on its core, is a problem; the rest add up per `host:vm`.
 */
export function cpuSlices(
  trace: TraceBatch,
  end: number,
): { problems: string[]; byVm: Map<string, number> } {
  const byCore = new Map<number, [number, number][]>();
  const byVm = new Map<string, number>();
  const problems: string[] = [];
  for (let i = 0; i < trace.count; i++) {
    if (trace.kind[i] !== TraceKind.Slice) continue;
    const e = trace.entity[i] as number;
    const start = trace.t[i] as number;
    const stop = trace.a[i] as number;
    if (!(stop > start && start >= 0 && stop <= end))
      problems.push(`slice ${start}–${stop} on ${e}`);
    (byCore.get(e) ?? byCore.set(e, []).get(e))?.push([start, stop]);
    const key = `${e >> 8}:${trace.b[i] as number}`;
    byVm.set(key, (byVm.get(key) ?? 0) + stop - start);
  }
  for (const [core, slices] of byCore) {
    slices.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < slices.length; i++) {
      const [s1] = slices[i] as [number, number];
      const [, e0] = slices[i - 1] as [number, number];
      if (s1 < e0) problems.push(`overlap on ${core} at ${s1} < ${e0}`);
    }
  }
  return { problems, byVm };
}
