import type { HostParams } from './params';
import { placeVms } from './placement';
import { RtdsPolicy } from './rtds-policy';
import type { CpuScheduler } from './scheduler';
import type { CreditPolicy } from './credit-policy';
import type { VSlicerPolicy } from './vslicer-policy';
import { Vcpu } from './vcpu';
import type { VmSlots } from './vm-params';
import { Burner, VmWorkload } from './workload';

/** The guests one host runs: vCPUs by VM id, their burners, and the VMs it runs as its own. */
export interface HostGuests {
  readonly vms: (Vcpu | undefined)[];
  readonly burners: { readonly v: Vcpu; readonly b: Burner }[];
  /** VMs that start online here (not Remus replicas or standby copies). */
  readonly own: Set<number>;
}

/**
 * Makes a vCPU for every enabled slot placed on this host and registers it with the scheduler and
 * its policy (an RTDS VM with its own period and budget; 0 takes the host's). Replicas and
 * standby copies (`standby`) start offline.
 */
export function addGuests(
  params: HostParams,
  vmSlots: VmSlots,
  standby: ReadonlySet<number>,
  scheduler: CpuScheduler,
  policy: CreditPolicy | VSlicerPolicy | RtdsPolicy,
): HostGuests {
  const out: HostGuests = { vms: [], burners: [], own: new Set() };
  for (const place of placeVms(params, vmSlots)) {
    const slot = vmSlots[`vm${place.slot}`];
    if (!slot) continue;
    const burner = slot.burnPct > 0 ? new Burner(slot.burnPct / 100) : undefined;
    const work = new VmWorkload(burner, slot.memoryBound, params.cacheRefillUs);
    const traits = { capPct: slot.capPct, pinned: place.pinned, lsvm: slot.lsvm };
    // vm1 is the VoIP VM (its name in the timelines).
    const name = place.slot === 1 ? 'voip' : `vm${place.slot}`;
    const v = new Vcpu(place.slot, name, slot.weight, place.core, work, traits);
    out.vms[place.slot] = v;
    if (burner) out.burners.push({ v, b: burner });
    scheduler.add(v, !standby.has(place.slot));
    if (!standby.has(place.slot)) out.own.add(place.slot);
    if (policy instanceof RtdsPolicy) {
      const period = Math.round((slot.rtdsPeriodMs || params.rtdsPeriodMs) * 1000);
      const budget = Math.round((slot.rtdsBudgetMs || params.rtdsBudgetMs) * 1000);
      policy.add(v, { period, budget });
    } else policy.add(v);
  }
  return out;
}
