import { setPath, type Scenario } from '../scenario/scenario';
import type { ScenarioIssue } from '../scenario/validate';
import { effectiveMigration } from './shutdown-trigger';

/**
 * Cross-field rules of a live migration. A Remus-protected domain cannot be live-migrated as
 * well: Remus is itself a never-ending migration stream of that domain (libxl_remus.c runs the
 * save stream with checkpoints), so replication is turned off and the user told. A migration
 * asked for after the run's end would never be seen: a warning.
 */
export function applyMigrationRules(s: Scenario, issues: ScenarioIssue[]): Scenario {
  const m = s.migration;
  if (!m.enabled) return s;
  const path = `vms.vm${m.vm}`;
  const slot = s.vms[`vm${m.vm}`];
  if (slot?.protection === 'remus') {
    issues.push({
      path: `${path}.protection`,
      message:
        'a Remus-protected VM cannot also be live-migrated (Remus is itself a continuous migration stream); protected by a standby instead',
      action: 'adjusted',
    });
    s = setPath(s, `${path}.protection`, 'standby');
  }
  if (!slot || slot.protection === 'none' || slot.backupHost === slot.host) {
    issues.push({
      path: 'migration.vm',
      message: `vm${m.vm} has no backup host with a copy to migrate to (set its protection and backup host): nothing will move`,
      action: 'warning',
    });
  }
  // A graceful shutdown of the VM inside the run starts it instead (shutdown-trigger.ts).
  const atS = effectiveMigration(s).atS;
  if (atS >= s.durationS) {
    issues.push({
      path: 'migration.atS',
      message: `migration time ${atS} s is not inside the ${s.durationS} s run: nothing will move`,
      action: 'warning',
    });
  }
  return s;
}
