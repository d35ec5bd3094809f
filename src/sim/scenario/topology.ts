import { activeFailures, type FailureSlot } from '../cluster/failure-slots';
import { VM_SLOT_COUNT, type VmSlot } from '../host/vm-params';
import type { ReplicationParams } from '../replication/params';
import type { Scenario } from './scenario';

/**
 * Questions about a scenario's deployment (ADR 16), answered from its slots alone: which VMs are
 * present and where, which carry SIP and media, which are protected and how. The world, the
 * validation, the warnings and the views all ask here, so they agree.
 */

/** A present VM: its number (1–8) and slot. vm1 is always present. */
export interface PresentVm {
  readonly k: number;
  readonly vm: VmSlot;
}

export function presentVms(s: Scenario): PresentVm[] {
  const out: PresentVm[] = [];
  for (let k = 1; k <= VM_SLOT_COUNT; k++) {
    const vm = s.vms[`vm${k}`];
    if (vm && (k === 1 || vm.enabled)) out.push({ k, vm });
  }
  return out;
}

/** The VM carrying a service (the first present one with its switch on), or undefined. */
export function serviceVm(s: Scenario, service: 'sip' | 'media'): number | undefined {
  return presentVms(s).find(({ vm }) => vm[service])?.k;
}

/** VMs that carry a service: the ones clients address and the failover machinery protects. */
export function serviceVms(s: Scenario): PresentVm[] {
  return presentVms(s).filter(({ vm }) => vm.sip || vm.media);
}

/** The Remus settings of VM k: the common ones with its own policy and interval where set. */
export function replicationOf(s: Scenario, vm: VmSlot): ReplicationParams {
  const r = s.replication;
  return {
    ...r,
    policy: vm.remusPolicy === 'inherit' ? r.policy : vm.remusPolicy,
    intervalMs: vm.remusIntervalMs > 0 ? vm.remusIntervalMs : r.intervalMs,
  };
}

/** The Remus-protected VMs that carry a service. */
export function remusVms(s: Scenario): PresentVm[] {
  return serviceVms(s).filter(({ vm }) => vm.protection === 'remus');
}

/** Whether any service VM is checkpointed. */
export const isReplicated = (s: Scenario): boolean => remusVms(s).length > 0;

/** The Remus settings that govern the deployment's checkpoints (the first Remus VM's), or undefined. */
export function mainReplication(s: Scenario): ReplicationParams | undefined {
  const first = remusVms(s)[0];
  return first ? replicationOf(s, first.vm) : undefined;
}

/** Failures that are set, in slot order. */
export const failuresOf = (s: Scenario): { slot: number; f: FailureSlot }[] =>
  activeFailures(s.failures);

/** Whether the run injects any failure at all. */
export const hasFailure = (s: Scenario): boolean => failuresOf(s).length > 0;

/**
 * The earliest failure that takes a service VM down where it runs (a crash of its host, of the VM,
 * its shutdown, or a cut between it and its backup), or undefined: the time the outage and
 * failover figures count from.
 */
export function firstServiceFailure(s: Scenario): { slot: number; f: FailureSlot } | undefined {
  const services = serviceVms(s);
  const hits = failuresOf(s).filter(({ f }) =>
    services.some(({ k, vm }) =>
      f.kind === 'host-crash' || f.kind === 'partition' ? vm.host === f.target : k === f.target,
    ),
  );
  return hits.sort((a, b) => a.f.atS - b.f.atS)[0];
}

/** A host's name in summaries and lanes: h1 and h2 keep the classic pair's names. */
export function hostLabel(n: number): string {
  return n === 1 ? 'primary' : n === 2 ? 'backup' : `h${n}`;
}

/**
 * Whether Remus's checkpoint stream is the failure detector: only under the pairwise manager
 * (Heartbeat and Pacemaker over all hosts watch membership; service-vm.ts builds their
 * ManagedFailover), and only when it is the detector chosen.
 */
export function checkpointDetectorWatches(s: Scenario): boolean {
  return s.cluster.manager === 'pairwise' && s.failure.detector === 'checkpoint';
}
