/**
 * DBA-VM's allocation ("DBA-VM: Dynamic bandwidth allocator for virtual machines"). Step 1, bit/s:
 * every VM first gets its guaranteed minimum (up to its demand), then the capacity left is shared
 * class by class in priority order (0 first), max-min fairly within a class up to each VM's
 * min(demand, SLA max); what a class cannot use flows to the next. Step 2, packet/s: a VM's SLA
 * packet rate is split across its vifs in proportion to each vif's share of the VM's bit/s.
 */
export interface SlaDemand {
  readonly vm: number;
  readonly priority: number;
  readonly minBps: number;
  readonly maxBps: number;
  readonly maxPps: number;
  /** Measured demand of each vif of the VM, bit/s. */
  readonly vifDemandBps: readonly number[];
}

export interface VmAllocation {
  readonly vm: number;
  readonly bps: number;
  readonly pps: number;
  readonly vifBps: readonly number[];
  readonly vifPps: readonly number[];
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const capOf = (d: SlaDemand): number => Math.min(sum(d.vifDemandBps), d.maxBps);
const guaranteeOf = (d: SlaDemand): number => Math.min(d.minBps, capOf(d));

/** Max-min fair share of `remaining` among `needs`; returns what each gets (same order). */
export function waterFill(remaining: number, needs: readonly number[]): number[] {
  const order = needs.map((n, i) => ({ n, i })).sort((a, b) => a.n - b.n || a.i - b.i);
  const out = new Array<number>(needs.length).fill(0);
  let left = remaining;
  let k = order.length;
  for (const { n, i } of order) {
    const share = left / k;
    const give = n <= share ? n : share;
    out[i] = give;
    left -= give;
    k--;
  }
  return out;
}

/** One priority class's step: each member's extra bit/s above its guarantee. */
function classShares(remaining: number, members: readonly SlaDemand[]): number[] {
  return waterFill(
    Math.max(0, remaining),
    members.map((d) => Math.max(0, capOf(d) - guaranteeOf(d))),
  );
}

function finish(d: SlaDemand, bps: number): VmAllocation {
  const total = sum(d.vifDemandBps);
  const vifBps = d.vifDemandBps.map((x) =>
    total > 0 ? (bps * x) / total : bps / d.vifDemandBps.length,
  );
  const vifPps = vifBps.map((x) =>
    bps > 0 ? (d.maxPps * x) / bps : d.maxPps / d.vifDemandBps.length,
  );
  return { vm: d.vm, bps, pps: d.maxPps, vifBps, vifPps };
}

/** Guarantees first, scaled down together if they alone exceed the capacity. */
function guarantees(
  capacityBps: number,
  demands: readonly SlaDemand[],
): { g: Map<number, number>; left: number } {
  const raw = demands.map(guaranteeOf);
  const total = sum(raw);
  const scale = total > capacityBps && total > 0 ? capacityBps / total : 1;
  return {
    g: new Map(demands.map((d, i) => [d.vm, (raw[i] as number) * scale])),
    left: capacityBps - total * scale,
  };
}

const classesOf = (demands: readonly SlaDemand[]): number[] =>
  [...new Set(demands.map((d) => d.priority))].sort((a, b) => a - b);

/**
 * Computes every VM's allocation from scratch. The daemon (driver-domain.ts) calls it once per
 * readjust period for at most eight VMs, so recomputing everything costs nothing worth saving.
 */
export function allocate(capacityBps: number, demands: readonly SlaDemand[]): VmAllocation[] {
  const { g, left } = guarantees(capacityBps, demands);
  let remaining = left;
  const extra = new Map<number, number>();
  for (const p of classesOf(demands)) {
    const members = demands.filter((d) => d.priority === p);
    const shares = classShares(remaining, members);
    members.forEach((d, i) => extra.set(d.vm, shares[i] as number));
    remaining -= sum(shares);
  }
  return demands.map((d) => finish(d, (g.get(d.vm) ?? 0) + (extra.get(d.vm) ?? 0)));
}
