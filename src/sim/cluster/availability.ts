/** Seconds in a 365-day year (the convention of the nines table). */
export const YEAR_S = 365 * 24 * 3600;

/** Availability arithmetic (R8). */
export interface AvailabilityFigures {
  /** MTBF / (MTBF + MTTR), 0–1. */
  readonly availability: number;
  /** −log10(1 − A): 3 for 99.9 %. */
  readonly nines: number;
  /** Expected downtime per year, seconds. */
  readonly downtimePerYearS: number;
}

/** Availability from mean time between failures and mean time to repair (same unit). */
export function availability(mtbf: number, mttr: number): AvailabilityFigures {
  if (!(mtbf > 0) || !(mttr >= 0)) throw new RangeError('MTBF must be > 0 and MTTR ≥ 0');
  const a = mtbf / (mtbf + mttr);
  return availabilityFigures(a);
}

/** Nines and downtime per year for an availability `a` (0–1). */
export function availabilityFigures(a: number): AvailabilityFigures {
  const down = 1 - a;
  return {
    availability: a,
    nines: down <= 0 ? Infinity : -Math.log10(down),
    downtimePerYearS: down * YEAR_S,
  };
}

/** Human text for a downtime in seconds: "8.76 h", "52.6 min", "31.5 s". */
export function formatDowntime(seconds: number): string {
  if (seconds >= 86400) return `${(seconds / 86400).toPrecision(3)} days`;
  if (seconds >= 3600) return `${(seconds / 3600).toPrecision(3)} h`;
  if (seconds >= 60) return `${(seconds / 60).toPrecision(3)} min`;
  return `${seconds.toPrecision(3)} s`;
}
