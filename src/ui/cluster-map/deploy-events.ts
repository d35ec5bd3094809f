import { HbEvent, TopoEvent } from '../../sim/engine/trace';
import type { Topology } from './topology';

/** Records of a run the cluster map reads (RunViews has these fields). */
export interface HbRecord {
  readonly t: number;
  readonly node: number;
  readonly ev: number;
  readonly flag: number;
}
export interface TopoRecord {
  readonly t: number;
  readonly entity: number;
  readonly ev: number;
  readonly b: number;
  readonly c: number;
}

/** What happened to the deployment, in the map's terms (host and VM ids of the topology). */
export type DeployEvent =
  | { t: number; kind: 'host-down'; host: string; fenced: boolean }
  | { t: number; kind: 'host-up'; host: string }
  | { t: number; kind: 'vm-down'; vm: string }
  | { t: number; kind: 'vm-active'; vm: string; host: string }
  | { t: number; kind: 'split-brain'; vm: string; host: string; other: string }
  | { t: number; kind: 'unprotected'; vm: string }
  | { t: number; kind: 'protected'; vm: string; host: string }
  | { t: number; kind: 'link-down' | 'link-up'; host: string }
  | { t: number; kind: 'declared-dead' | 'arp'; host: string };

/**
 * The run's deployment events, in time order. The world reports them as Topo records (host
 * number 1–4, VM number; src/sim/engine/trace.ts, TopoEvent); detection and ARP come from the
 * heartbeat lane (node n − 1 is host n). A trace without Topo records (the classic pair) gives
 * its crash and takeover on the heartbeat lane only: they are read as a host going down and the
 * protected VMs moving to the host that took over.
 */
export function deployEvents(
  topology: Topology,
  hb: readonly HbRecord[],
  topo: readonly TopoRecord[],
): DeployEvent[] {
  const hostOfNode = (node: number) => topology.hosts.find((h) => h.node === node)?.id;
  const hostN = (n: number) => hostOfNode(n - 1);
  const vmN = (k: number) => topology.vms.find((v) => v.id === `vm${k}`)?.id;
  const out: DeployEvent[] = [];
  for (const r of topo) {
    const host = hostN(r.entity);
    const vm = vmN(r.entity);
    const b = hostN(r.b);
    switch (r.ev) {
      case TopoEvent.HostDown:
        if (host) out.push({ t: r.t, kind: 'host-down', host, fenced: r.b === 1 });
        break;
      case TopoEvent.HostUp:
        if (host) out.push({ t: r.t, kind: 'host-up', host });
        break;
      case TopoEvent.VmDown:
        if (vm) out.push({ t: r.t, kind: 'vm-down', vm });
        break;
      case TopoEvent.VmActive:
        if (vm && b) out.push({ t: r.t, kind: 'vm-active', vm, host: b });
        break;
      case TopoEvent.SplitBrain: {
        const c = hostN(r.c);
        if (vm && b && c) out.push({ t: r.t, kind: 'split-brain', vm, host: b, other: c });
        break;
      }
      case TopoEvent.Unprotected:
        if (vm) out.push({ t: r.t, kind: 'unprotected', vm });
        break;
      case TopoEvent.Protected:
        if (vm && b) out.push({ t: r.t, kind: 'protected', vm, host: b });
        break;
      case TopoEvent.LinkDown:
      case TopoEvent.LinkUp:
        if (host)
          out.push({ t: r.t, kind: r.ev === TopoEvent.LinkDown ? 'link-down' : 'link-up', host });
        break;
    }
  }
  const classic = topo.length === 0;
  // The heartbeat lane numbers the classic pair's nodes (0 failed, 1 survivor); beyond two hosts
  // the ARP is the takeover host's (the latest VM move before it) and the detector is not named.
  const pair = topology.hosts.length <= 2;
  const movedTo = (t: number) =>
    out.filter((e) => e.kind === 'vm-active' && e.t <= t).at(-1) as { host: string } | undefined;
  for (const r of hb) {
    const host = hostOfNode(r.node);
    if (!host) continue;
    if (r.ev === HbEvent.DeclaredDead)
      out.push({ t: r.t, kind: 'declared-dead', host: pair ? host : '' });
    else if (r.ev === HbEvent.GratuitousArp)
      out.push({ t: r.t, kind: 'arp', host: pair ? host : (movedTo(r.t)?.host ?? host) });
    else if (classic && r.ev === HbEvent.Crash)
      out.push({ t: r.t, kind: 'host-down', host, fenced: false });
    else if (classic && r.ev === HbEvent.Takeover)
      for (const v of topology.vms)
        if (v.backupHost === host) out.push({ t: r.t, kind: 'vm-active', vm: v.id, host });
  }
  // Stable: records of one instant keep the order the world wrote them in.
  return out
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.t - y.e.t || x.i - y.i)
    .map((x) => x.e);
}
