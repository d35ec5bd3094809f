import {
  FAILURE_SLOT_COUNT,
  heals,
  targetsHost,
  type FailureKind,
} from '../../sim/cluster/failure-slots';
import { enabledHosts } from '../../sim/host/host-slots';
import type { Scenario } from '../../sim/scenario/scenario';
import { presentVms, serviceVm } from '../../sim/scenario/topology';

/**
 * The edits the failure list and the timeline markers make, as field values for one `setFields`
 * (one validated edit, one undo step). Pure: the components only send what these return.
 */

/** What a failure of this kind can name: the hosts in the deployment, or the VMs present. */
export function targetChoices(s: Scenario, kind: FailureKind): number[] {
  return targetsHost(kind) ? enabledHosts(s.hosts) : presentVms(s).map(({ k }) => k);
}

/** The first slot with no failure, or undefined when all eight are used. */
export function firstFreeSlot(s: Scenario): number | undefined {
  for (let n = 1; n <= FAILURE_SLOT_COUNT; n++) if (s.failures[`f${n}`]?.kind === 'none') return n;
  return undefined;
}

/** The host the SIP service runs on (else h1): the natural first thing to crash. */
function serviceHost(s: Scenario): number {
  const k = serviceVm(s, 'sip') ?? serviceVm(s, 'media');
  const h = k === undefined ? 0 : (s.vms[`vm${k}`]?.host ?? 0);
  return h > 0 ? h : (enabledHosts(s.hosts)[0] ?? 1);
}

/** A new host crash of the service's host, mid-run, in the first free slot. */
export function addFailure(s: Scenario): Record<string, unknown> | undefined {
  const n = firstFreeSlot(s);
  if (n === undefined) return undefined;
  const p = `failures.f${n}`;
  return {
    [`${p}.kind`]: 'host-crash',
    [`${p}.target`]: serviceHost(s),
    [`${p}.atS`]: Math.round(s.durationS * 5) / 10,
    [`${p}.untilS`]: 0,
    [`${p}.repairAtS`]: 0,
  };
}

/**
 * A new kind for slot n. A target that the new kind cannot name (a host number for a VM failure)
 * becomes the first that fits: the service's host or VM; the end time of the other family
 * (heals-at against repaired-at) is cleared so a hidden value does not linger.
 */
export function changeKind(s: Scenario, n: number, kind: FailureKind): Record<string, unknown> {
  const p = `failures.f${n}`;
  const cur = s.failures[`f${n}`];
  const out: Record<string, unknown> = { [`${p}.kind`]: kind };
  if (!cur) return out;
  const choices = targetChoices(s, kind);
  const changedFamily = targetsHost(kind) !== targetsHost(cur.kind) || cur.kind === 'none';
  if (changedFamily || !choices.includes(cur.target)) {
    const preferred = targetsHost(kind) ? serviceHost(s) : (serviceVm(s, 'sip') ?? 1);
    out[`${p}.target`] = choices.includes(preferred) ? preferred : (choices[0] ?? 1);
  }
  if (heals(kind)) out[`${p}.repairAtS`] = 0;
  else out[`${p}.untilS`] = 0;
  return out;
}

/** Removing a failure frees its slot (every field back to its default). */
export function removeFailure(n: number): Record<string, unknown> {
  const p = `failures.f${n}`;
  return {
    [`${p}.kind`]: 'none',
    [`${p}.target`]: 1,
    [`${p}.atS`]: 30,
    [`${p}.untilS`]: 0,
    [`${p}.repairAtS`]: 0,
  };
}

/** The field holding when failure n ends: heals-at for a cut, repaired-at for the rest. */
export const endKey = (kind: FailureKind): 'untilS' | 'repairAtS' =>
  heals(kind) ? 'untilS' : 'repairAtS';

/**
 * Moving failure n to `atS`. An end time (heal or repair) it would pass moves along with it,
 * keeping the failure's length, so dragging a failure later never silently drops its repair.
 */
export function moveFailure(s: Scenario, n: number, atS: number): Record<string, unknown> {
  const p = `failures.f${n}`;
  const cur = s.failures[`f${n}`];
  const out: Record<string, unknown> = { [`${p}.atS`]: atS };
  if (!cur || cur.kind === 'none') return out;
  const key = endKey(cur.kind);
  const end = cur[key];
  if (end > 0 && end <= atS) {
    const moved = Math.round((atS + (end - cur.atS)) * 10) / 10;
    out[`${p}.${key}`] = moved < s.durationS ? moved : 0;
  }
  return out;
}

/**
 * Moving the end marker of failure n to `endS`: never at or before the failure itself (one step
 * after it at the earliest); at or past the end of the run it means "never" (0).
 */
export function moveEnd(
  s: Scenario,
  n: number,
  endS: number,
  stepS: number,
): Record<string, unknown> {
  const cur = s.failures[`f${n}`];
  if (!cur || cur.kind === 'none') return {};
  const key = endKey(cur.kind);
  const earliest = Math.round((cur.atS + stepS) * 10) / 10;
  const next = endS >= s.durationS ? 0 : Math.max(earliest, endS);
  return cur[key] === next ? {} : { [`failures.f${n}.${key}`]: next };
}
