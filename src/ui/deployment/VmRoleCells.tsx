import { enabledHosts } from '../../sim/host/host-slots';
import type { VmRole } from '../../sim/host/vm-roles';
import type { NumberField } from '../../sim/scenario/field';
import { fieldAt } from '../../sim/scenario/scenario';
import { useLab } from '../store/store';
import { NumberCell } from './NumberCell';

/** Column titles of a VM's deployment cells, each with its field's help on hover. */
export const ROLE_COLUMNS = [
  { key: 'host', label: 'Host' },
  { key: 'protection', label: 'Protect' },
  { key: 'backupHost', label: 'Backup' },
  { key: 'sip', label: 'SIP' },
  { key: 'media', label: 'Media' },
  { key: 'remusPolicy', label: 'Policy' },
  { key: 'remusIntervalMs', label: 'Int. ms' },
] as const;

const PROTECTION = [
  { value: 'none', label: 'None' },
  { value: 'remus', label: 'Remus' },
  { value: 'standby', label: 'Standby' },
  { value: 'restart', label: 'Restart' },
] as const;

const POLICY = [
  { value: 'inherit', label: 'Common' },
  { value: 'net', label: 'Net' },
  { value: 'none', label: 'No-Net' },
  { value: 'tcp-only', label: 'TCP only' },
] as const;

/**
 * Where VM k runs, how it is protected and which services it carries: compact, labelled selects
 * and checkboxes in its row of the VM table. Cells that do not apply (a backup for an unprotected
 * VM, a Remus policy for a VM not under Remus) stay empty rather than offering a dead control.
 */
export function VmRoleCells({ k, vm }: { k: number; vm: VmRole }) {
  const hostSlots = useLab((s) => s.scenario.hosts);
  const setField = useLab((s) => s.setField);
  const hosts = enabledHosts(hostSlots);
  const base = `vms.vm${k}`;
  const set = (key: string, v: unknown) => setField(`${base}.${key}`, v);
  // A value validation has not yet moved (or a preset's) is listed too, so the select shows it.
  const withCurrent = (list: number[], cur: number) =>
    list.includes(cur) ? list : [...list, cur].sort((a, b) => a - b);
  const hostChoices = withCurrent(hosts, vm.host);
  const backupChoices = withCurrent(
    hosts.filter((h) => h !== vm.host),
    vm.backupHost,
  );
  const protectedVm = vm.protection !== 'none';
  const remus = vm.protection === 'remus';
  const interval = fieldAt(`${base}.remusIntervalMs`) as NumberField;
  return (
    <>
      <td>
        <select
          value={vm.host}
          onChange={(e) => set('host', Number(e.target.value))}
          aria-label={`vm${k} host`}
          title={fieldAt(`${base}.host`)?.help}
          data-path={`${base}.host`}
        >
          {hostChoices.map((h) =>
            h === 0 ? (
              <option key={h} value={0}>
                every host
              </option>
            ) : (
              <option key={h} value={h}>
                h{h}
              </option>
            ),
          )}
          {!hostChoices.includes(0) && !vm.sip && !vm.media && !protectedVm && (
            <option value={0}>every host</option>
          )}
        </select>
      </td>
      <td>
        <select
          value={vm.protection}
          onChange={(e) => set('protection', e.target.value)}
          aria-label={`vm${k} protection`}
          title={fieldAt(`${base}.protection`)?.help}
          data-path={`${base}.protection`}
        >
          {PROTECTION.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </td>
      <td>
        {protectedVm && (
          <select
            value={vm.backupHost}
            onChange={(e) => set('backupHost', Number(e.target.value))}
            aria-label={`vm${k} backup host`}
            title={fieldAt(`${base}.backupHost`)?.help}
            data-path={`${base}.backupHost`}
          >
            {backupChoices.map((h) => (
              <option key={h} value={h}>
                h{h}
              </option>
            ))}
          </select>
        )}
      </td>
      {(['sip', 'media'] as const).map((svc) => (
        <td key={svc}>
          <input
            type="checkbox"
            checked={vm[svc]}
            onChange={(e) => set(svc, e.target.checked)}
            aria-label={`vm${k} ${svc === 'sip' ? 'SIP registrar/proxy' : 'media relay'}`}
            title={fieldAt(`${base}.${svc}`)?.help}
            data-path={`${base}.${svc}`}
          />
        </td>
      ))}
      <td>
        {remus && (
          <select
            value={vm.remusPolicy}
            onChange={(e) => set('remusPolicy', e.target.value)}
            aria-label={`vm${k} Remus output policy`}
            title={fieldAt(`${base}.remusPolicy`)?.help}
            data-path={`${base}.remusPolicy`}
          >
            {POLICY.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>
        {remus && (
          <NumberCell
            field={interval}
            value={vm.remusIntervalMs}
            label={`vm${k} Remus interval (ms, 0 = common)`}
            onCommit={(v) => set('remusIntervalMs', v)}
          />
        )}
      </td>
    </>
  );
}
