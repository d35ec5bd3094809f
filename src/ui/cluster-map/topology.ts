import type { Scenario } from '../../sim/scenario/scenario';
import { vmSlotNames } from '../../sim/host/vm-params';

/**
 * The deployment the cluster map draws, as data: hosts, and VMs with their services, their home
 * host and how they are protected. Today's world is fixed (a primary and a backup host; every
 * enabled VM slot runs on both; vm1, the VoIP VM, runs on the primary and waits paused on the
 * backup), so `topologyOf` reads it off today's scenario. When the scenario lists hosts and VMs
 * itself, only `topologyOf` changes: the model and the views read this shape.
 */
export interface TopologyHost {
  readonly id: string;
  readonly label: string;
  /** Node number the trace uses for this host (Hb records' entity). */
  readonly node: number;
}

export type Protection = 'none' | 'remus' | 'cluster';

export interface TopologyVm {
  readonly id: string;
  readonly label: string;
  readonly services: readonly string[];
  /** Where it runs at the start. */
  readonly host: string;
  readonly protection: Protection;
  /** Where it waits to take over (a Remus replica, or a paused standby), if anywhere. */
  readonly backupHost: string | null;
}

export interface Topology {
  readonly hosts: readonly TopologyHost[];
  readonly vms: readonly TopologyVm[];
}

/** Scenario parts the topology reads. */
export type TopologyInput = Pick<
  Scenario,
  'vms' | 'replication' | 'failure' | 'web' | 'udp' | 'tcp' | 'ping'
>;

/** The services VM slot `k` (1-based) carries in this scenario. */
export function servicesOf(s: TopologyInput, k: number): string[] {
  const out: string[] = [];
  if (k === 1) out.push('SIP registrar', 'media relay');
  if (s.web.enabled && s.web.target === k) out.push('web server');
  if (s.udp.enabled && s.udp.target === k) out.push('UDP probe sink');
  if (s.tcp.enabled && s.tcp.target === k) out.push('TCP sink');
  if (s.ping.enabled && s.ping.target === k) out.push('ping target');
  const slot = s.vms[`vm${k}`];
  if (slot && slot.burnPct > 0) out.push(`CPU burner ${slot.burnPct} %`);
  if (slot && slot.txMbps > 0) out.push(`bulk sender ${slot.txMbps} Mb/s`);
  return out;
}

/**
 * Today's topology (src/sim/world.ts builds hosts 0 and 1 with the same VM slots; the backup's
 * VoIP VM is paused until takeover). vm1 is one VM with a home and a backup host; the other slots
 * are separate VMs on each host (each host runs its own copy), so they carry the host in their id.
 */
export function topologyOf(s: TopologyInput): Topology {
  const hosts: TopologyHost[] = [
    { id: 'h1', label: 'Primary', node: 0 },
    { id: 'h2', label: 'Backup', node: 1 },
  ];
  const vms: TopologyVm[] = [];
  vmSlotNames.forEach((name, i) => {
    const k = i + 1;
    const slot = s.vms[name];
    if (k > 1 && !slot?.enabled) return;
    const services = servicesOf(s, k);
    if (k === 1) {
      vms.push({
        id: name,
        label: `${name} (VoIP)`,
        services,
        host: 'h1',
        protection: s.replication.enabled ? 'remus' : 'cluster',
        backupHost: 'h2',
      });
      return;
    }
    for (const h of hosts)
      vms.push({
        id: `${name}@${h.id}`,
        label: name,
        services,
        host: h.id,
        protection: 'none',
        backupHost: null,
      });
  });
  return { hosts, vms };
}
