/**
 * Version-2 keys that version 3 replaced (ADR 16), and what each means now. Links and files are
 * migrated whole (migrate.ts); this table also lets `--set`, presets and the sweep's parameter
 * names keep accepting the old keys, so a command line written for version 2 keeps its meaning.
 */
import { onOff } from './migrate';

type Rewrite = (value: unknown) => [string, unknown][];

const LEGACY: Record<string, Rewrite> = {
  // v2 replicated the VoIP VM or, with replication off, resumed a standby copy with empty state.
  'replication.enabled': (v) => [['vms.vm1.protection', onOff(v, 'remus', 'standby')]],
  'failure.crash': (v) => [['failures.f1.kind', onOff(v, 'host-crash', 'none')]],
  'failure.atS': (v) => [['failures.f1.atS', v]],
};

/** The current key(s) and value(s) for a possibly old key; a current key maps to itself. */
export function currentKeys(path: string, value: unknown): [string, unknown][] {
  const r = LEGACY[path];
  return r ? r(value) : [[path, value]];
}

/** Whether `path` is a version-2 key that version 3 replaced. */
export const isLegacyKey = (path: string): boolean => path in LEGACY;
