import type { FailureSlot } from '../cluster/failure-slots';
import type { Scenario } from '../scenario/scenario';
import { failuresOf } from '../scenario/topology';
import type { MigrationParams } from './params';

/**
 * The graceful VM shutdown a live migration answers (ADR 19, "As built" addendum): with
 * `migration.enabled`, the first `vm-shutdown` failure of `migration.vm` inside the run, when that
 * VM has a target (a standby or restart copy on another host, `vms.vmK.backupHost`). A cluster
 * manager asked to stop a migratable resource moves it live instead of stopping it and starting
 * the copy cold: Pacemaker's `migrate_to`/`migrate_from` for a resource with `allow-migrate`
 * (Pacemaker Explained, "Migrating Resources"), the Xen OCF agent running `xl migrate`;
 * Heartbeat's hb_giveup_resources on a graceful stop (heartbeat.c, Heartbeat 2.x). A Remus VM
 * has its backup's state already (and cannot also be migrated): its shutdown is not answered
 * this way. Undefined: no shutdown is answered by a migration (the planned time applies).
 */
export function shutdownAnsweredByMigration(s: Scenario): FailureSlot | undefined {
  const m = s.migration;
  if (!m.enabled) return undefined;
  const slot = s.vms[`vm${m.vm}`];
  if (!slot?.enabled) return undefined;
  const movable =
    slot.protection !== 'none' && slot.protection !== 'remus' && slot.backupHost !== slot.host;
  if (!movable) return undefined;
  return failuresOf(s)
    .map(({ f }) => f)
    .filter((f) => f.kind === 'vm-shutdown' && f.target === m.vm && f.atS < s.durationS)
    .sort((a, b) => a.atS - b.atS)[0];
}

/**
 * The migration's parameters as the run uses them: answering a shutdown, it is requested at the
 * shutdown's time by the cluster manager (trigger `graceful-shutdown`); else as configured.
 */
export function effectiveMigration(s: Scenario): MigrationParams {
  const f = shutdownAnsweredByMigration(s);
  return f ? { ...s.migration, atS: f.atS, trigger: 'graceful-shutdown' } : s.migration;
}
