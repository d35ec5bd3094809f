import type { Scenario } from '../scenario/scenario';
import { presentVms } from '../scenario/topology';
import type { ScenarioIssue } from '../scenario/validate';
import { activeWorkloads } from './slots';

/** Workload settings that run but are likely a mistake (the values are kept). */
export function workloadWarnings(s: Scenario): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const present = new Set(presentVms(s).map(({ k }) => k));
  for (const { slot, w } of activeWorkloads(s.workloads)) {
    const p = `workloads.w${slot}`;
    if (!present.has(w.target))
      out.push({
        path: `${p}.target`,
        message: `vm${w.target} is not in the deployment: every packet of this workload is dropped (host down)`,
        action: 'warning',
      });
    if (w.startS >= s.durationS)
      out.push({
        path: `${p}.startS`,
        message: 'starts after the run ends: it never runs',
        action: 'warning',
      });
  }
  return out;
}
