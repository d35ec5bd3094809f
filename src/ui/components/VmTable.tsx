import { fieldAt, getPath } from '../../sim/scenario/scenario';
import type { NumberField } from '../../sim/scenario/field';
import { VM_SLOT_COUNT } from '../../sim/host/vm-params';
import { useLab } from '../store/store';
import { vmColour } from '../theme';
import { VmDeployTable } from '../deployment/VmDeployTable';
import { panelShown } from '../view-panels';
import { useView } from '../store/view-flags';

const COLS = [
  { key: 'weight', label: 'Weight', kind: 'number' },
  { key: 'capPct', label: 'Cap %', kind: 'number' },
  { key: 'pin', label: 'Pin', kind: 'number' },
  { key: 'burnPct', label: 'Burner %', kind: 'number' },
  { key: 'lsvm', label: 'LSVM', kind: 'bool' },
  { key: 'memoryBound', label: 'Mem-bound', kind: 'bool' },
] as const;

/** Shown under RTDS only: each VM's own period and budget (0 = the host's). */
const RTDS_COLS = [
  { key: 'rtdsPeriodMs', label: 'RTDS period ms', kind: 'number' },
  { key: 'rtdsBudgetMs', label: 'RTDS budget ms', kind: 'number' },
] as const;

/**
 * The guest VMs: the deployment table (presence, host, protection, services), then the scheduler
 * table, a row per VM, every cell a field of the table (vms.vmK.*).
 */
export function VmTable() {
  const scenario = useLab((s) => s.scenario);
  const setField = useLab((s) => s.setField);
  const rows = Array.from({ length: VM_SLOT_COUNT }, (_, i) => i + 1);
  const cols = scenario.host.scheduler === 'rtds' ? [...COLS, ...RTDS_COLS] : COLS;
  const deployment = panelShown(useView(), 'deployment');
  // The table may be wider than the panel (RTDS adds two columns): it scrolls on its own, and the
  // scrolling region takes keyboard focus so it can be scrolled without a mouse.
  return (
    <>
      <p className="vm-table-note">
        One row per guest VM: where it runs, how it is protected, which services it carries (one VM
        each for SIP and media); then its scheduler settings. Help: hover a column title.
      </p>
      {deployment && <VmDeployTable />}
      <div className="vm-table-wrap" role="region" aria-label="VM scheduler settings" tabIndex={0}>
        <table className="vm-table">
          <caption className="visually-hidden">Guest VMs and their scheduler settings</caption>
          <thead>
            <tr>
              <th scope="col">VM</th>
              {cols.map((c) => (
                <th key={c.key} scope="col" title={fieldAt(`vms.vm2.${c.key}`)?.help}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((k) => {
              const base = `vms.vm${k}`;
              const enabled = k === 1 || getPath(scenario, `${base}.enabled`) === true;
              return (
                <tr key={k} className={enabled ? '' : 'absent'}>
                  <th scope="row">
                    <span className="swatch" style={{ background: vmColour(k) }} />
                    vm{k}
                  </th>
                  {cols.map((c) => {
                    const path = `${base}.${c.key}`;
                    const value = getPath(scenario, path);
                    if (!enabled) return <td key={c.key} />;
                    if (c.kind === 'bool') {
                      return (
                        <td key={c.key}>
                          <input
                            type="checkbox"
                            checked={value === true}
                            onChange={(e) => setField(path, e.target.checked)}
                            aria-label={`vm${k} ${c.label}`}
                            data-path={path}
                          />
                        </td>
                      );
                    }
                    const f = fieldAt(path) as NumberField;
                    return (
                      <td key={c.key}>
                        <input
                          type="number"
                          className="cell-number"
                          min={f.min}
                          max={f.max}
                          step={f.step}
                          value={String(value)}
                          onChange={(e) => {
                            // "" is text the box cannot parse: keep the value. A whole-number
                            // field given a fraction rounds it (validation would use the default).
                            if (e.target.value === '') return;
                            const n = Number(e.target.value);
                            setField(path, f.kind === 'int' ? Math.round(n) : n);
                          }}
                          aria-label={`vm${k} ${c.label}`}
                          data-path={path}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
