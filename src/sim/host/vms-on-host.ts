import type { Scenario } from '../scenario/scenario';
import { serviceVms } from '../scenario/topology';
import type { VmSlots } from './vm-params';

/**
 * The VMs host n runs (ADR 16): those placed on it, the per-host copies (host 0), and the
 * offline copies it keeps for others — Remus replicas, standbys and restart targets of the service
 * VMs whose backup it is. Those start offline (`standby`).
 */
export function vmsOnHost(s: Scenario, n: number): { vms: VmSlots; standby: Set<number> } {
  const vms: VmSlots = {};
  const standby = new Set<number>();
  const services = new Set(serviceVms(s).map((x) => x.k));
  for (const [name, vm] of Object.entries(s.vms)) {
    const k = Number(name.slice(2));
    const present = k === 1 || vm.enabled;
    if (!present) continue;
    const placedHere = vm.host === n || (vm.host === 0 && !services.has(k));
    // Under a cluster manager over all hosts a standby or restart may start on any host (shared disk).
    const anyHost =
      s.cluster.manager !== 'pairwise' &&
      (vm.protection === 'standby' || vm.protection === 'restart');
    const copyHere =
      services.has(k) &&
      vm.protection !== 'none' &&
      (vm.backupHost === n || anyHost) &&
      vm.host !== n;
    if (!placedHere && !copyHere) continue;
    vms[name] = { ...vm, enabled: true };
    if (!placedHere) standby.add(k);
  }
  return { vms, standby };
}
