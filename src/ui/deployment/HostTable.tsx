import { HOST_SLOT_COUNT } from '../../sim/host/host-slots';
import type { NumberField } from '../../sim/scenario/field';
import { fieldAt } from '../../sim/scenario/scenario';
import { hostLabel } from '../../sim/scenario/topology';
import { useLab } from '../store/store';
import { NumberCell } from './NumberCell';

/** The host slots h1 … h4 as a small table: present, and cores (0 = the common value). */
export function HostTable() {
  const hosts = useLab((s) => s.scenario.hosts);
  const commonCores = useLab((s) => s.scenario.host.cores);
  const setField = useLab((s) => s.setField);
  const rows = Array.from({ length: HOST_SLOT_COUNT }, (_, i) => i + 1);
  return (
    <div className="deploy-table-wrap" role="region" aria-label="Hosts" tabIndex={0}>
      <table className="vm-table host-table" data-testid="host-table">
        <caption className="visually-hidden">Physical hosts in the deployment</caption>
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col" title={fieldAt('hosts.h1.enabled')?.help}>
              Present
            </th>
            <th scope="col" title={fieldAt('hosts.h1.cores')?.help}>
              Cores (0 = {commonCores})
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => {
            const h = hosts[`h${n}`];
            const on = h?.enabled === true;
            const coresField = fieldAt(`hosts.h${n}.cores`) as NumberField;
            return (
              <tr key={n} className={on ? '' : 'absent'}>
                <th scope="row">
                  h{n}
                  {n <= 2 && <span className="host-role"> ({hostLabel(n)})</span>}
                </th>
                <td>
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={(e) => setField(`hosts.h${n}.enabled`, e.target.checked)}
                    aria-label={`h${n} present`}
                    data-path={`hosts.h${n}.enabled`}
                  />
                </td>
                <td>
                  {on && (
                    <NumberCell
                      field={coresField}
                      value={h?.cores ?? 0}
                      label={`h${n} cores`}
                      onCommit={(v) => setField(`hosts.h${n}.cores`, v)}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
