import { HbEvent, TopoEvent, TraceKind } from '../engine/trace';
import { ms, sec, type Micros } from '../engine/units';
import { ManagedFailover } from './managed-failover';
import type { ServiceVm } from './service-vm';

/**
 * The cluster manager started `u`'s resource group on host `n`, having declared its node dead
 * at `dead` (and fenced it at `fenced`). The copy there resumes (a Remus replica from its last
 * committed epoch, an activated standby) after the resume time, or boots after the restart
 * time; IPaddr2 then sends its gratuitous ARPs (`arps`, one `every`) and the clients follow the
 * first one, `failure.arpDelayMs` later. `resumed` is told when the copy runs there, `followed`
 * when the clients follow it.
 */
export function startOn(
  u: ServiceVm,
  n: number,
  dead: Micros,
  fenced: Micros | undefined,
  arps: number,
  every: Micros,
  tell: { resumed?: (t: Micros) => void; followed?: (t: Micros) => void } = {},
): void {
  const m = u.failover;
  if (!(m instanceof ManagedFailover) || (n === u.active && u.vcpuUp(n))) return;
  // A Remus copy resumes only where its replica is (a repaired host holds none until resynchronised).
  if (u.slot.protection === 'remus' && u.replicaAt !== n) return;
  const d = u.d;
  const s = d.scenario;
  const first = m.decided(dead, fenced, (d.host(u.active)?.alive ?? false) && u.vcpuUp(u.active));
  const boot = u.slot.protection === 'restart' ? sec(s.failure.restartS) : ms(s.failure.resumeMs);
  d.sim.after(boot, (t) => {
    if (!(d.host(n)?.alive ?? false)) return;
    if (first) {
      m.times.takeover = t;
      m.times.committedEpoch = m.committedEpoch;
    }
    d.trace.add(t, TraceKind.Hb, n, HbEvent.Takeover, m.committedEpoch);
    u.takeover(n, m.committedEpoch);
    tell.resumed?.(t);
    for (let i = 0; i < arps; i++)
      d.sim.at((t + i * every) as Micros, (a) =>
        d.trace.add(a, TraceKind.Hb, n, HbEvent.GratuitousArp, i),
      );
    d.sim.after(ms(s.failure.arpDelayMs), (a) => {
      if (first) m.times.arp = a;
      if (u.active !== n) return;
      u.arp(n);
      tell.followed?.(a);
    });
  });
}

/** The cluster manager stopped `u`'s group on host `n` (no quorum): that copy stops serving. */
export function stopOn(u: ServiceVm, n: number, now: Micros): void {
  if (n !== u.active && n !== u.splitHost) return;
  const host = u.d.host(n);
  if (!host?.alive || !u.vcpuUp(n)) return;
  host.stopVm(u.k);
  u.d.trace.add(now, TraceKind.Topo, u.k, TopoEvent.VmDown, n);
  if (n === u.active && u.replicator) u.replicator.guestDown = true;
  u.endSplit(now);
}
