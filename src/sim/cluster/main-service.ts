import type { Scenario } from '../scenario/scenario';
import { firstServiceFailure } from '../scenario/topology';
import type { ServiceVm } from './service-vm';

/**
 * The service VM the classic summary fields describe: the one the first failure hits (on the
 * crashed or partitioned host, or the VM itself), else the SIP VM, else the first.
 */
export function mainService(
  s: Scenario,
  services: readonly ServiceVm[],
  sipUnit: ServiceVm | undefined,
): ServiceVm | undefined {
  const hit = firstServiceFailure(s);
  const hitHost = (u: ServiceVm) => s.vms[`vm${u.k}`]?.host;
  return (
    services.find(
      (u) =>
        hit !== undefined &&
        (hit.f.kind === 'host-crash' || hit.f.kind === 'partition'
          ? hitHost(u) === hit.f.target
          : u.k === hit.f.target),
    ) ??
    sipUnit ??
    services[0]
  );
}
