import type { Field } from '../scenario/field';

/**
 * Physical hosts h1 … h4 (ADR 16). Every host has the hardware and scheduler of `host.*`; a slot
 * says whether the host is in the deployment and may give it its own core count. h1 and h2 are the
 * classic primary and backup pair; h3 and h4 join for split deployments and larger clusters.
 */
export const HOST_SLOT_COUNT = 4;
export const hostSlotNames = Array.from({ length: HOST_SLOT_COUNT }, (_, i) => `h${i + 1}`);

export interface HostSlot {
  enabled: boolean;
  /** Physical cores; 0 = `host.cores`. */
  cores: number;
}

export type HostSlots = Record<string, HostSlot>;

function slotFields(n: number): Field[] {
  const p = `hosts.h${n}`;
  return [
    {
      path: `${p}.enabled`,
      kind: 'bool',
      group: 'hosts',
      label: `Host ${n}: present`,
      default: n <= 2,
      help:
        n <= 2
          ? `Host ${n} is in the deployment (h1 and h2 are the classic primary and backup pair).`
          : `Add host ${n} to the deployment: place VMs on it, make it a backup, or let the cluster manager count it as a node.`,
    },
    {
      path: `${p}.cores`,
      kind: 'int',
      group: 'hosts',
      label: `Host ${n}: cores`,
      unit: 'pCPUs',
      min: 0,
      max: 8,
      step: 1,
      default: 0,
      help: 'Physical cores of this host; 0 = the common value (Host & CPU scheduling → physical cores).',
    },
  ];
}

export const HOST_SLOT_FIELDS: readonly Field[] = Array.from({ length: HOST_SLOT_COUNT }, (_, i) =>
  slotFields(i + 1),
).flat();

/** 1-based numbers of the enabled hosts, in order. */
export function enabledHosts(hosts: HostSlots): number[] {
  const out: number[] = [];
  for (let n = 1; n <= HOST_SLOT_COUNT; n++) if (hosts[`h${n}`]?.enabled) out.push(n);
  return out;
}
