import type { Scenario } from '../../sim/scenario/scenario';
import { enabledHosts } from '../../sim/host/host-slots';
import { vmSlotNames } from '../../sim/host/vm-params';
import { hostName } from '../host-name';
import { serviceWord } from '../theme';

/**
 * The deployment the cluster map draws, as data: hosts, and VMs with their services, their home
 * host and how they are protected, read off the scenario's slots by `topologyOf`. The model and
 * the views read only this shape.
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
  'hosts' | 'vms' | 'web' | 'udp' | 'tcp' | 'ping' | 'telephony'
>;

/** The services VM slot `k` (1-based) carries in this scenario. */
export function servicesOf(s: TopologyInput, k: number): string[] {
  const out: string[] = [];
  const slot = s.vms[`vm${k}`];
  // The roles the VM is given, where the scenario uses them (R1's VoIP VM has no calls and no
  // REGISTERs: naming a registrar and a relay on the map told of services that never ran).
  const t = s.telephony;
  const calls = t.sipStack === 'rfc3261' && (t.callRate > 0 || t.callRampPerS > 0);
  if (slot?.sip && (t.registerRate > 0 || t.registerRampPerS > 0 || calls))
    out.push('SIP registrar');
  if (slot?.media && t.calls > 0) out.push('media relay');
  if (s.web.enabled && s.web.target === k) out.push('web server');
  if (s.udp.enabled && s.udp.target === k) out.push('UDP probe sink');
  if (s.tcp.enabled && s.tcp.target === k) out.push('TCP sink');
  if (s.ping.enabled && s.ping.target === k) out.push('ping target');
  if (slot && slot.burnPct > 0) out.push(`CPU burner ${slot.burnPct} %`);
  if (slot && slot.txMbps > 0) out.push(`bulk sender ${slot.txMbps} Mb/s`);
  return out;
}

/**
 * The scenario's topology (ADR 16): its enabled host slots (trace node n − 1 for host n), and its
 * present VMs — a placed VM on its host, with its protection and backup host when it carries a
 * service (only service VMs are protected, src/sim/host/vms-on-host.ts); a per-host VM (host 0,
 * a burner or bulk sender) as one copy per host, each carrying the host in its id.
 */
export function topologyOf(s: TopologyInput): Topology {
  const hosts: TopologyHost[] = enabledHosts(s.hosts).map((n) => ({
    id: `h${n}`,
    label: hostName(n),
    node: n - 1,
  }));
  const vms: TopologyVm[] = [];
  for (const name of vmSlotNames) {
    const k = Number(name.slice(2));
    const slot = s.vms[name];
    if (!slot || (k > 1 && !slot.enabled)) continue;
    const services = servicesOf(s, k);
    const service = slot.sip || slot.media;
    if (slot.host > 0) {
      const guarded = service && slot.protection !== 'none' && slot.backupHost !== slot.host;
      vms.push({
        id: name,
        label: service ? `${name} (${serviceWord(slot)})` : name,
        services,
        host: `h${slot.host}`,
        protection: guarded ? protectionOf(slot.protection) : 'none',
        backupHost: guarded && slot.backupHost > 0 ? `h${slot.backupHost}` : null,
      });
      continue;
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
  }
  return { hosts, vms };
}

/** Remus keeps a replica; standby and restart are the cluster manager's. */
const protectionOf = (p: string): Protection =>
  p === 'remus' ? 'remus' : p === 'none' ? 'none' : 'cluster';
