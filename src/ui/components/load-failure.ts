/** What browsers say when a dynamically imported script could not be fetched. */
const LOAD_FAILED = /dynamically imported module|module script failed|Failed to fetch|Load failed/i;

/** Whether `e` is a failed load of split-off code (ADR 0024), not a bug. */
export function isLoadFailure(e: unknown): boolean {
  return e instanceof Error && LOAD_FAILED.test(e.message);
}

/** A failure in words for the reader: a failed load says what to suspect, not a script's URL. */
export function failureText(e: unknown): string {
  if (isLoadFailure(e)) return 'its code did not load (the network may be down)';
  return e instanceof Error ? e.message : String(e);
}
