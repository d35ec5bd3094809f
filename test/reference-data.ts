/**
 * Published figures the lab must reproduce, copied from the project's reference list
 * (docs/reference-results.md) so tests never read anything outside the repository.
 */
export const REFERENCE = {
  /** R5 — Live Replication of Virtualized VoIP Servers. */
  r5: {
    intervalMs: 400,
    ptimeMs: 20,
    /** ≈ interval / ptime RTP packets per call and direction per release, ±2. */
    burstPerCallDirection: 20,
    burstTolerance: 2,
    /** RTP stops for ≈ 1 s on primary failure (detection + gratuitous ARP). Tolerance: 0.7–1.3 s. */
    failoverGapS: 1,
    failoverGapToleranceS: 0.3,
  },
  /** R8 — availability arithmetic (365-day year). */
  r8: {
    downtimePerYear: [
      { availabilityPct: 99, seconds: 3.65 * 86400, text: '3.65 days' },
      { availabilityPct: 99.9, seconds: 8.76 * 3600, text: '8.76 h' },
      { availabilityPct: 99.99, seconds: 52.56 * 60, text: '52.6 min' },
      { availabilityPct: 99.999, seconds: 5.256 * 60, text: '5.26 min' },
      { availabilityPct: 99.9999, seconds: 31.536, text: '31.5 s' },
    ],
  },
} as const;
