/**
 * vSlicer's schedule arithmetic (Xu et al., "vSlicer: latency-aware VM scheduling via
 * differentiated-frequency CPU slicing"). With m LSVMs and n NLSVMs on a core and the NLSVM slice
 * T_NLSVM (Xen's 30 ms): a round of LSVMs after every NLSVM slice lasts T_S = m·T_NLSVM/n; each
 * LSVM gets T_n = T_NLSVM/n per round, as r micro-slices of T_m (T_m·r = T_n). Every VM then
 * gets 1/(m+n) of the core.
 */
export interface VSlicerPlan {
  readonly m: number;
  readonly n: number;
  readonly tNlsvm: number;
  readonly tM: number;
  readonly tN: number;
  readonly tS: number;
  readonly r: number;
  /** Worst-case LSVM CPU-access latency: an NLSVM slice plus the other LSVMs' micro-slices, T_NLSVM + (m−1)·T_m (R2). */
  readonly worstLatency: number;
}

/** Why a vSlicer configuration is impossible, or null when it is fine. */
export function vslicerProblem(m: number, n: number, tNlsvm: number, tM: number): string | null {
  if (n < 1) return 'vSlicer needs at least one NLSVM on each core with an LSVM (n ≥ 1)';
  if (m + n < 3)
    return `vSlicer needs at least three VMs on a core with an LSVM (m + n ≥ 3; here ${m} + ${n})`;
  if (tM < 1000) return 'the micro-slice T_m must be at least 1 ms';
  const tN = tNlsvm / n;
  if (!Number.isInteger(tN) || tN % tM !== 0) {
    return `T_m = ${tM / 1000} ms must divide T_NLSVM/n = ${tNlsvm / 1000}/${n} = ${(tN / 1000).toFixed(3)} ms a whole number of times`;
  }
  return null;
}

/** The plan for m LSVMs and n NLSVMs (µs). Throws on an impossible configuration. */
export function vslicerPlan(m: number, n: number, tNlsvm: number, tM: number): VSlicerPlan {
  const problem = vslicerProblem(m, n, tNlsvm, tM);
  if (problem) throw new RangeError(problem);
  const tN = tNlsvm / n;
  return {
    m,
    n,
    tNlsvm,
    tM,
    tN,
    tS: (m * tNlsvm) / n,
    r: tN / tM,
    worstLatency: tNlsvm + (m - 1) * tM,
  };
}
