import type { HostParams } from './params';
import { VM_SLOT_COUNT, type VmSlots } from './vm-params';

/** Cores guests may use: all but core 0 when dom0 has its own core (a cpupool of its own). */
export function guestCores(host: HostParams): number[] {
  const own = host.dom0OwnCore && host.cores >= 2;
  return Array.from({ length: host.cores }, (_, i) => i).filter((c) => !own || c > 0);
}

/** The cores of each credit cpupool: dom0's core alone and the guest cores, or one Pool-0 of all. */
export function cpupools(host: HostParams): number[][] {
  const guests = guestCores(host);
  const all = Array.from({ length: host.cores }, (_, i) => i);
  return host.dom0Cpupool && guests.length < all.length ? [[0], guests] : [all];
}

/** A VM's initial core and whether it is pinned there. */
export interface Placement {
  readonly slot: number;
  readonly core: number;
  readonly pinned: boolean;
}

/**
 * Where each enabled VM starts: its pin if it has one, else round robin over the guest cores in
 * slot order (deterministic). Pins outside the guest cores are not honoured here; validation
 * reports them.
 */
export function placeVms(host: HostParams, vms: VmSlots): Placement[] {
  const cores = guestCores(host);
  const out: Placement[] = [];
  let next = 0;
  for (let k = 1; k <= VM_SLOT_COUNT; k++) {
    const vm = vms[`vm${k}`];
    if (!vm || (k > 1 && !vm.enabled)) continue;
    if (vm.pin >= 0 && cores.includes(vm.pin)) {
      out.push({ slot: k, core: vm.pin, pinned: true });
    } else {
      out.push({ slot: k, core: cores[next % cores.length] as number, pinned: false });
      next++;
    }
  }
  return out;
}
