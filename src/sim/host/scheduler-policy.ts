import { ms } from '../engine/units';
import { CreditPolicy } from './credit-policy';
import type { HostParams } from './params';
import { cpupools } from './placement';
import { RtdsPolicy } from './rtds-policy';
import type { Vcpu } from './vcpu';
import { VSlicerPolicy } from './vslicer-policy';

/** The host's scheduling policy: Xen credit, vSlicer or RTDS; dom0 (VM 0) runs on core 0 only. */
export function schedulerPolicy(
  params: HostParams,
  cores: readonly number[],
): CreditPolicy | VSlicerPolicy | RtdsPolicy {
  const slice = ms(params.sliceMs);
  // One array per answer, so a policy may keep what it derived from it (CreditPolicy.coresFor).
  const dom0Cores = [0] as const;
  const allowed = (v: Vcpu): readonly number[] => (v.vm === 0 ? dom0Cores : cores);
  return params.scheduler === 'vslicer'
    ? new VSlicerPolicy(params.cores, slice, ms(params.microSliceMs), cpupools(params))
    : params.scheduler === 'rtds'
      ? new RtdsPolicy(
          Math.round(params.rtdsPeriodMs * 1000),
          Math.round(params.rtdsBudgetMs * 1000),
          params.rtdsExtratime,
          allowed,
        )
      : new CreditPolicy(params.cores, slice, allowed, cpupools(params));
}
