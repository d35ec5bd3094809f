import { FAILURE_SLOT_COUNT, heals, targetsHost } from '../cluster/failure-slots';
import { HOST_SLOT_COUNT, enabledHosts } from '../host/host-slots';
import { VM_SLOT_COUNT } from '../host/vm-params';
import { setPath, type Scenario } from './scenario';
import type { ScenarioIssue } from './validate';

/**
 * Cross-field rules of the deployment (ADR 16), each adjustment reported with the field it
 * changed: a VM on a host that is not there, a backup on the VM's own host, a service on no VM or
 * on two, a failure aimed at nothing or outside the run.
 */
export function applyTopologyRules(s: Scenario, issues: ScenarioIssue[]): Scenario {
  const adjust = (path: string, value: unknown, message: string) => {
    issues.push({ path, message, action: 'adjusted' });
    s = setPath(s, path, value);
  };
  if (enabledHosts(s.hosts).length === 0)
    adjust('hosts.h1.enabled', true, 'a deployment needs a host; h1 kept');
  const hosts = enabledHosts(s.hosts);
  const firstHost = hosts[0] as number;
  const present = (k: number) => k === 1 || s.vms[`vm${k}`]?.enabled === true;
  for (let k = 1; k <= VM_SLOT_COUNT; k++) {
    const p = `vms.vm${k}`;
    const vm = s.vms[`vm${k}`];
    if (!vm || !present(k)) continue;
    const carries = vm.sip || vm.media;
    if (vm.host > 0 && !hosts.includes(vm.host))
      adjust(
        `${p}.host`,
        firstHost,
        `host ${vm.host} is not in the deployment; placed on h${firstHost}`,
      );
    else if (vm.host === 0 && (carries || vm.protection !== 'none'))
      adjust(
        `${p}.host`,
        firstHost,
        `a VM with a service or a protection runs on one host; placed on h${firstHost}`,
      );
    const on = s.vms[`vm${k}`]?.host ?? firstHost;
    if (vm.protection === 'none' || !carries) continue;
    const other = hosts.find((h) => h !== on);
    if (vm.backupHost === on || !hosts.includes(vm.backupHost)) {
      if (other === undefined)
        adjust(
          `${p}.protection`,
          'none',
          `no other host to protect vm${k} on (enable a second host); unprotected`,
        );
      else
        adjust(
          `${p}.backupHost`,
          other,
          vm.backupHost === on
            ? `the backup must be another host than the one vm${k} runs on (h${on}); used h${other}`
            : `host ${vm.backupHost} is not in the deployment; used h${other}`,
        );
    }
  }
  for (const service of ['sip', 'media'] as const) {
    const on = Array.from({ length: VM_SLOT_COUNT }, (_, i) => i + 1).filter(
      (k) => present(k) && s.vms[`vm${k}`]?.[service],
    );
    for (const k of on.slice(1))
      adjust(
        `vms.vm${k}.${service}`,
        false,
        `vm${on[0]} already carries ${service === 'sip' ? 'SIP' : 'the media relay'}; one VM carries a service`,
      );
    if (
      on.length === 0 &&
      (service === 'sip' ? s.telephony.registerRate > 0 : s.telephony.calls > 0)
    )
      adjust(
        `vms.vm1.${service}`,
        true,
        `no VM carries ${service === 'sip' ? 'SIP' : 'the media relay'} but the clients use it; vm1 carries it`,
      );
  }
  for (let n = 1; n <= FAILURE_SLOT_COUNT; n++) {
    const p = `failures.f${n}`;
    const f = s.failures[`f${n}`];
    if (!f || f.kind === 'none') continue;
    if (f.atS >= s.durationS)
      adjust(
        `${p}.atS`,
        Math.round(s.durationS * 5) / 10,
        `failure time ${f.atS} s is not inside the ${s.durationS} s run; used ${Math.round(s.durationS * 5) / 10} s`,
      );
    const at = s.failures[`f${n}`]?.atS ?? f.atS;
    if (targetsHost(f.kind) && (f.target > HOST_SLOT_COUNT || !hosts.includes(f.target)))
      adjust(
        `${p}.kind`,
        'none',
        `host ${f.target} is not in the deployment; failure ${n} removed`,
      );
    else if (!targetsHost(f.kind) && !present(f.target))
      adjust(`${p}.kind`, 'none', `vm${f.target} is not present; failure ${n} removed`);
    if (heals(f.kind) && f.untilS > 0 && f.untilS <= at)
      adjust(
        `${p}.untilS`,
        0,
        `it heals at ${f.untilS} s, not after it starts (${at} s); lasts to the end`,
      );
    if (!heals(f.kind) && f.repairAtS > 0 && f.repairAtS <= at)
      adjust(
        `${p}.repairAtS`,
        0,
        `repaired at ${f.repairAtS} s, not after it fails (${at} s); never repaired`,
      );
  }
  return s;
}
