import type { Simulator } from '../engine/simulator';
import type { TraceRecorder } from '../engine/trace';
import { sec, type Micros } from '../engine/units';
import type { Host } from '../host/host';
import type { Scenario } from '../scenario/scenario';
import { DriverDomain, type BulkSource } from './driver-domain';

/**
 * The driver domain's bulk transmit path (R4) on `host`, when any VM runs a bulk sender: one
 * source per sending VM with its SLA, and the rate window opened after one second of warm-up
 * (rings fill, the first DBA-VM period). Undefined when nothing sends bulk traffic.
 */
export function startBulkPath(
  sim: Simulator,
  trace: TraceRecorder,
  host: Host,
  s: Scenario,
  end: Micros,
): DriverDomain | undefined {
  const sources: BulkSource[] = [];
  for (const [name, vm] of Object.entries(s.vms)) {
    if ((name !== 'vm1' && !vm.enabled) || vm.txMbps <= 0) continue;
    sources.push({
      vm: Number(name.slice(2)),
      offeredBps: vm.txMbps * 1e6,
      frameBytes: vm.txFrameBytes,
      sla: {
        maxBps: vm.slaMbps * 1e6,
        maxPps: vm.slaKpps * 1000,
        minBps: vm.slaMinMbps * 1e6,
        priority: vm.slaPriority,
      },
    });
  }
  if (sources.length === 0) return undefined;
  const d = new DriverDomain(
    sim,
    trace,
    host.nicTx,
    s.nic,
    sources,
    s.network.nicGbps * 1e9,
    end,
    s.host.dom0PacketCostUs,
    (cost, done) => host.dom0Work(cost, undefined, done),
  );
  sim.at(Math.min(sec(1), end) as Micros, (now) => d.markWindow(now));
  return d;
}
