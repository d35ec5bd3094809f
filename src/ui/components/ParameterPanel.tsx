import { isReplicated } from '../../sim/scenario/topology';
import { GROUP_LABELS, type FieldGroup } from '../../sim/scenario/field';
import { FIELDS, getPath, type Scenario } from '../../sim/scenario/scenario';
import { useState, type ReactNode } from 'react';
import { useLab } from '../store/store';
import { FieldControl } from './FieldControl';
import { workloadFieldShown } from './workload-fields';
import { failureFieldShown } from './failure-fields';
import { VmTable } from './VmTable';
import { FailureList } from '../deployment/FailureList';
import { HostTable } from '../deployment/HostTable';
import { panelShown } from '../view-panels';
import { useView } from '../store/view-flags';

/** Fields edited by the deployment tables and the failure list, not as generic controls. */
const inTable = (path: string): boolean => /^(hosts\.h\d|failures\.f\d)\./.test(path);

/** Groups a scenario changes from the defaults: those are the ones a preset's story is about. */
function touchedGroups(s: Scenario): Set<FieldGroup> {
  const out = new Set<FieldGroup>(['run']);
  // Replication opens when it is on; switching it off alone (the R1–R4 presets) is no reason to.
  for (const f of FIELDS)
    if (f.path !== 'vms.vm1.protection' && getPath(s, f.path) !== f.default) out.add(f.group);
  if (isReplicated(s)) out.add('replication');
  return out;
}

/**
 * Parameters grouped by mechanism, all read from the one field table. The groups a scenario
 * changes open when a preset or a link is loaded; the reader can open or close any of them.
 */
export function ParameterPanel() {
  const scenario = useLab((s) => s.scenario);
  const loads = useLab((s) => s.loads);
  const setField = useLab((s) => s.setField);
  const groups = [...new Set(FIELDS.map((f) => f.group))];
  const open = touchedGroups(scenario);
  // The deployment editor (hosts, failures; VM placement in VmTable) can be hidden on its own.
  const deployment = panelShown(useView(), 'deployment');
  // Groups re-open when a preset or a link is loaded (the key changes), never on an edit, which
  // would remount the control being used.
  return (
    <aside className="params" aria-label="Parameters">
      <h2>Parameters</h2>
      {groups.map((g) => (
        <Group key={`${g}-${loads}`} group={g} open={open.has(g)}>
          {g === 'vms' && <VmTable />}
          {g === 'hosts' && deployment && <HostTable />}
          {g === 'failure' && deployment && <FailureList />}
          {g !== 'vms' &&
            FIELDS.filter(
              (f) =>
                f.group === g &&
                !inTable(f.path) &&
                workloadFieldShown(scenario, f.path) &&
                failureFieldShown(scenario, f.path),
            ).map((f) => (
              <FieldControl
                key={f.path}
                field={f}
                value={getPath(scenario, f.path)}
                onEdit={setField}
              />
            ))}
        </Group>
      ))}
    </aside>
  );
}

/**
 * One group, open at first if the scenario changes it. Only at first: an edit that puts a group
 * back to its defaults (the last probe switched off) must not close it under the reader's hand.
 */
function Group({
  group,
  open,
  children,
}: {
  group: FieldGroup;
  open: boolean;
  children: ReactNode;
}) {
  const [openAtFirst] = useState(open);
  return (
    <details open={openAtFirst} className={`group group-${group}`}>
      <summary>{GROUP_LABELS[group]}</summary>
      {children}
    </details>
  );
}
