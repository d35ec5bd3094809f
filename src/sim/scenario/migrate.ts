import type { ScenarioIssue } from './validate';
import { SCENARIO_VERSION } from './scenario';

/**
 * Migrations from older scenario versions, oldest first. Each takes an object of version k and
 * returns one of version k+1. Version 1 is the first public format, so the list is empty; the
 * mechanism is here (and tested with a synthetic version 0) so the first change has a place to go.
 * A version-0 object is the pre-release shape where `replication.interval` was in seconds.
 */
const MIGRATIONS: Record<number, (o: Record<string, unknown>) => Record<string, unknown>> = {
  0: (o) => {
    const rep = (o['replication'] ?? {}) as Record<string, unknown>;
    const { interval, ...rest } = rep;
    const out: Record<string, unknown> = { ...o, version: 1, replication: rest };
    if (typeof interval === 'number')
      (out['replication'] as Record<string, unknown>)['intervalMs'] = interval * 1000;
    return out;
  },
};

/** Brings `input` to the current version, reporting what could not be migrated. */
export function migrate(
  input: Record<string, unknown>,
  issues: ScenarioIssue[],
): Record<string, unknown> {
  const raw = input['version'];
  let v = raw === undefined ? SCENARIO_VERSION : Number(raw);
  if (!Number.isInteger(v) || v < 0) {
    issues.push({
      path: 'version',
      message: `unknown version ${JSON.stringify(raw)}; read as version ${SCENARIO_VERSION}`,
      action: 'defaulted',
    });
    v = SCENARIO_VERSION;
  }
  if (v > SCENARIO_VERSION) {
    issues.push({
      path: 'version',
      message: `version ${v} is newer than this lab (${SCENARIO_VERSION}); fields it does not know are ignored`,
      action: 'ignored',
    });
    return input;
  }
  let o = input;
  while (v < SCENARIO_VERSION) {
    const step = MIGRATIONS[v];
    if (!step) break;
    o = step(o);
    v++;
  }
  return o;
}
