import { getPath } from '../../sim/scenario/scenario';
import { fieldAt } from '../../sim/scenario/scenario';
import { VM_SLOT_COUNT, type VmSlot } from '../../sim/host/vm-params';
import { useLab } from '../store/store';
import { vmColour } from '../theme';
import { ROLE_COLUMNS, VmRoleCells } from './VmRoleCells';

/**
 * The deployment half of the VM table (ADR 16): a row per VM with where it runs, how it is
 * protected and which services it carries. The scheduler half follows it in `VmTable`; two
 * narrower tables read better in the side panel and on a projector than one that scrolls.
 */
export function VmDeployTable() {
  const scenario = useLab((s) => s.scenario);
  const setField = useLab((s) => s.setField);
  const rows = Array.from({ length: VM_SLOT_COUNT }, (_, i) => i + 1);
  return (
    <div
      className="vm-table-wrap"
      role="region"
      aria-label="VM placement and protection"
      tabIndex={0}
    >
      <table className="vm-table vm-deploy-table" data-testid="vm-deploy-table">
        <caption className="visually-hidden">
          Where each guest VM runs, its protection and services
        </caption>
        <thead>
          <tr>
            <th scope="col">VM</th>
            {ROLE_COLUMNS.map((c) => (
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
            const vm = scenario.vms[`vm${k}`] as VmSlot;
            return (
              <tr key={k} className={enabled ? '' : 'absent'}>
                <th scope="row">
                  <span className="swatch" style={{ background: vmColour(k) }} />
                  {k === 1 ? (
                    'vm1'
                  ) : (
                    <label>
                      <input
                        type="checkbox"
                        checked={enabled}
                        onChange={(e) => setField(`${base}.enabled`, e.target.checked)}
                        aria-label={`vm${k} present`}
                        data-path={`${base}.enabled`}
                      />{' '}
                      vm{k}
                    </label>
                  )}
                </th>
                {enabled ? <VmRoleCells k={k} vm={vm} /> : <td colSpan={ROLE_COLUMNS.length} />}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
