import { GROUP_LABELS, type FieldGroup } from '../../sim/scenario/field';
import { FIELDS, getPath } from '../../sim/scenario/scenario';
import { useLab } from '../store/store';
import { FieldControl } from './FieldControl';
import { VmTable } from './VmTable';

const OPEN: readonly FieldGroup[] = ['replication', 'failure', 'telephony', 'vms'];

/** Parameters grouped by mechanism, all read from the one field table. */
export function ParameterPanel() {
  const scenario = useLab((s) => s.scenario);
  const setField = useLab((s) => s.setField);
  const groups = [...new Set(FIELDS.map((f) => f.group))];
  return (
    <aside className="params" aria-label="Parameters">
      <h2>Parameters</h2>
      {groups.map((g) => (
        <details key={g} open={OPEN.includes(g)} className={`group group-${g}`}>
          <summary>{GROUP_LABELS[g]}</summary>
          {g === 'vms' ? (
            <VmTable />
          ) : (
            FIELDS.filter((f) => f.group === g).map((f) => (
              <FieldControl
                key={f.path}
                field={f}
                value={getPath(scenario, f.path)}
                onChange={(v) => setField(f.path, v)}
              />
            ))
          )}
        </details>
      ))}
    </aside>
  );
}
