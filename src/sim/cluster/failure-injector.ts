import type { Simulator } from '../engine/simulator';
import { TopoEvent, TraceKind, type TraceRecorder } from '../engine/trace';
import { sec, type Micros } from '../engine/units';
import type { Host } from '../host/host';
import type { FailureSlot } from './failure-slots';
import type { ServiceVm } from './service-vm';

/**
 * Who reaches whom among the hosts (partitions) and which VMs' replication links are cut. The
 * clients' LAN is not partitioned: a partition cuts a host from its peers only, which is what
 * makes split brain possible.
 */
export class Reachability {
  private readonly isolated = new Set<number>();
  private readonly cutLinks = new Set<number>();

  reach(a: number, b: number): boolean {
    return a === b || (!this.isolated.has(a) && !this.isolated.has(b));
  }

  replicationLinkUp(k: number): boolean {
    return !this.cutLinks.has(k);
  }

  /** Told after every change of isolation (a cluster manager's membership follows it). */
  onIsolate: ((host: number, on: boolean) => void) | undefined;

  isolate(host: number, on: boolean): void {
    if (on) this.isolated.add(host);
    else this.isolated.delete(host);
    this.onIsolate?.(host, on);
  }

  cut(vm: number, on: boolean): void {
    if (on) this.cutLinks.add(vm);
    else this.cutLinks.delete(vm);
  }
}

/** What the injector acts on. */
export interface FailureTargets {
  readonly sim: Simulator;
  readonly trace: TraceRecorder;
  readonly end: Micros;
  readonly net: Reachability;
  host(n: number): Host | undefined;
  /** The service VM with number k, if k carries a service. */
  service(k: number): ServiceVm | undefined;
  readonly services: readonly ServiceVm[];
  /** Told after a host went down (a cluster manager's membership follows it). */
  onHostDown?: ((n: number, now: Micros) => void) | undefined;
  /** Told after a repaired host booted (its cluster node rejoins the membership). */
  onHostUp?: ((n: number, now: Micros) => void) | undefined;
}

/** Host n crashes (a failure slot, or a STONITH power-off): what it held is lost. */
export function crashHost(t: FailureTargets, n: number, now: Micros, fenced = false): void {
  const h = t.host(n);
  if (!h?.alive) return;
  // A fence is the manager's own act, not the failure its failover answers.
  const hit = fenced ? [] : t.services.filter((u) => u.active === n);
  for (const u of hit) u.failover?.onCrash(now);
  h.crash(now);
  for (const u of t.services) u.afterHostCrash(n, now);
  t.trace.add(now, TraceKind.Topo, n, TopoEvent.HostDown, fenced ? 1 : 0);
  t.onHostDown?.(n, now);
}

/**
 * Schedules each failure slot (ADR 16): host and VM crashes with their repair, planned
 * shutdowns, replication-link failures and partitions with their healing. What follows — a
 * detection, a takeover, a backup given up, split brain — is the mechanisms' own doing.
 */
export function injectFailures(t: FailureTargets, failures: readonly FailureSlot[]): void {
  const at = (s: number, fn: (now: Micros) => void) => {
    const when = sec(s);
    if (when < t.end) t.sim.at(when as Micros, fn);
  };
  for (const f of failures) {
    const n = f.target;
    switch (f.kind) {
      case 'host-crash':
        at(f.atS, (now) => crashHost(t, n, now));
        if (f.repairAtS > f.atS)
          at(f.repairAtS, (now) => {
            const h = t.host(n);
            if (!h || h.alive) return;
            for (const u of t.services) u.beforeHostRepair(n);
            h.revive();
            t.trace.add(now, TraceKind.Topo, n, TopoEvent.HostUp, 0);
            for (const u of t.services) u.onHostRepair(n, now);
            t.onHostUp?.(n, now);
          });
        break;
      case 'vm-crash':
        at(f.atS, (now) => {
          const u = t.service(n);
          if (u) return u.onVmCrash(now);
          // A per-host copy without a service: every copy panics (same image, same bug).
          for (let h = 1; h <= 4; h++) t.host(h)?.stopVm(n);
          t.trace.add(now, TraceKind.Topo, n, TopoEvent.VmDown, 0);
        });
        break;
      case 'vm-shutdown':
        at(f.atS, (now) => {
          const u = t.service(n);
          if (u) return u.onShutdown(now);
          for (let h = 1; h <= 4; h++) t.host(h)?.stopVm(n);
          t.trace.add(now, TraceKind.Topo, n, TopoEvent.VmDown, 0);
        });
        break;
      case 'link-fail':
        at(f.atS, (now) => {
          t.net.cut(n, true);
          t.trace.add(now, TraceKind.Topo, n, TopoEvent.LinkDown, 0);
        });
        if (f.untilS > f.atS)
          at(f.untilS, (now) => {
            t.net.cut(n, false);
            t.trace.add(now, TraceKind.Topo, n, TopoEvent.LinkUp, 0);
          });
        break;
      case 'partition':
        at(f.atS, (now) => {
          t.net.isolate(n, true);
          t.trace.add(now, TraceKind.Topo, n, TopoEvent.LinkDown, 1);
        });
        if (f.untilS > f.atS)
          at(f.untilS, (now) => {
            t.net.isolate(n, false);
            t.trace.add(now, TraceKind.Topo, n, TopoEvent.LinkUp, 1);
          });
        break;
      case 'none':
        break;
    }
  }
}
