import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceKind, concatBatches, type TraceBatch } from '../src/sim/engine/trace';
import { inFlightBound } from '../src/sim/net/in-flight-bound';
import { ScenarioRun } from '../src/sim/run';
import { defaultScenario, setPath, type Scenario } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';

/** Short random scenarios over every mechanism (2–5 s keeps 200 runs within seconds). */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    durationS: fc.integer({ min: 2, max: 5 }),
    calls: fc.integer({ min: 0, max: 6 }),
    registerRate: fc.integer({ min: 0, max: 300 }),
    policy: fc.constantFrom('net', 'none', 'tcp-only'),
    enabled: fc.boolean(),
    intervalMs: fc.integer({ min: 20, max: 500 }),
    epochMode: fc.constantFrom('libxl', 'fixed'),
    burners: fc.integer({ min: 0, max: 3 }),
    burnerUtilPct: fc.integer({ min: 0, max: 100 }),
    cores: fc.integer({ min: 1, max: 3 }),
    dom0OwnCore: fc.boolean(),
    sliceMs: fc.integer({ min: 1, max: 40 }),
    crash: fc.boolean(),
    crashFrac: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
    detector: fc.constantFrom('checkpoint', 'heartbeat'),
    extraDelayMs: fc.integer({ min: 0, max: 30 }),
    linkGbps: fc.constantFrom(0.05, 0.1, 1, 10),
    bufferLimitKB: fc.constantFrom(10, 100, 10000),
    bulk: fc.array(
      fc.record({
        mbps: fc.integer({ min: 0, max: 1500 }),
        frame: fc.integer({ min: 64, max: 1518 }),
        sla: fc.integer({ min: 10, max: 1000 }),
        kpps: fc.integer({ min: 1, max: 300 }),
      }),
      { minLength: 0, maxLength: 3 },
    ),
    txPolicy: fc.constantFrom('none', 'tc', 'dba'),
    scheduler: fc.constantFrom('credit', 'vslicer', 'rtds'),
    lsvm: fc.boolean(),
    dom0Cpupool: fc.boolean(),
    rtdsPeriodMs: fc.integer({ min: 1, max: 40 }),
    rtdsBudgetFrac: fc.double({ min: 0.05, max: 1, noNaN: true }),
    rtdsExtratime: fc.boolean(),
    playout: fc.constantFrom('fixed', 'adaptive'),
  })
  .map((r) => {
    const sets: [string, unknown][] = [
      ['seed', r.seed],
      ['durationS', r.durationS],
      ['telephony.calls', r.calls],
      ['telephony.registerRate', r.registerRate],
      ['replication.policy', r.policy],
      ['replication.enabled', r.enabled],
      ['replication.intervalMs', r.intervalMs],
      ['replication.epochMode', r.epochMode],
      ['replication.linkGbps', r.linkGbps],
      ['replication.bufferLimitKB', r.bufferLimitKB],
      ['host.burners', r.burners],
      ['host.burnerUtilPct', r.burnerUtilPct],
      ['host.cores', r.cores],
      ['host.dom0OwnCore', r.dom0OwnCore],
      ['host.sliceMs', r.sliceMs],
      ['failure.crash', r.crash],
      ['failure.atS', Math.round(r.durationS * r.crashFrac * 10) / 10],
      ['failure.detector', r.detector],
      ['failure.keepaliveMs', 100],
      ['failure.warnMs', 300],
      ['failure.deadMs', 500],
      ['network.extraDelayMs', r.extraDelayMs],
      ['nic.txPolicy', r.txPolicy],
      // Impossible vSlicer mixes fall back to credit in validation, with a notice.
      ['host.scheduler', r.scheduler],
      ['vms.vm1.lsvm', r.lsvm],
      ['host.dom0Cpupool', r.dom0Cpupool],
      ['host.rtdsPeriodMs', r.rtdsPeriodMs],
      ['host.rtdsBudgetMs', Math.max(0.1, Math.round(r.rtdsPeriodMs * r.rtdsBudgetFrac * 10) / 10)],
      ['host.rtdsExtratime', r.rtdsExtratime],
      ['telephony.playout', r.playout],
      ...r.bulk.flatMap((b, i): [string, unknown][] => [
        [`vms.vm${i + 2}.enabled`, true],
        [`vms.vm${i + 2}.txMbps`, b.mbps],
        [`vms.vm${i + 2}.txFrameBytes`, b.frame],
        [`vms.vm${i + 2}.slaMbps`, b.sla],
        [`vms.vm${i + 2}.slaKpps`, b.kpps],
      ]),
    ];
    let s = defaultScenario();
    for (const [p, v] of sets) s = setPath(s, p, v);
    return validateScenario(s).scenario;
  });

function runAll(s: Scenario): { run: ScenarioRun; trace: TraceBatch } {
  const run = new ScenarioRun(s);
  const batches = [];
  for (;;) {
    const c = run.next(250_000);
    batches.push(c.batch);
    if (c.done) break;
  }
  return { run, trace: concatBatches(batches) };
}

const PARAMS = { numRuns: 200, seed: 20261123 } as const;

describe('invariants over generated scenarios (fast-check)', () => {
  it('Net mode: no packet leaves before the checkpoint of its epoch is acknowledged', () => {
    fc.assert(
      fc.property(scenarioArb, (s0) => {
        const s = setPath(setPath(s0, 'replication.enabled', true), 'replication.policy', 'net');
        const { run } = runAll(s);
        expect(run.world.commitViolations).toBe(0);
      }),
      PARAMS,
    );
  });

  it('packet conservation: created = delivered + dropped (with a reason) + in flight', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        // The ledger also throws if any packet ends twice, so reaching the end is part of the check.
        const { run } = runAll(s);
        const l = run.world.ledger;
        expect(l.created).toBe(l.delivered + l.droppedTotal + l.inFlight);
        for (const reason of l.dropped.keys()) expect(reason).toBeGreaterThan(0);
        // What is in flight at the end is bounded by what the queues and links can hold (ADR 10).
        expect(l.inFlight).toBeLessThanOrEqual(inFlightBound(s));
        // Bulk traffic through the driver domain: every offered packet is admitted or dropped at the
        // netfront, every admitted one is in the ring, being copied, or copied; every copied one is
        // dropped by tc or the queue to the NIC, on the NIC, or sent.
        for (const r of run.world.driverDomain?.results(run.world.end) ?? []) {
          const c = r.counters;
          expect(c.offered).toBe(c.admitted + (c.drops[1] as number) + (c.drops[2] as number));
          expect(c.admitted).toBe(c.copied + c.ring + c.copying);
          expect(c.copied).toBe((c.drops[3] as number) + (c.drops[4] as number) + c.onNic + c.sent);
        }
      }),
      PARAMS,
    );
  });

  it('CPU-time conservation per core: slices never overlap, stay inside the run, and add up to each vCPU’s CPU time', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { run, trace } = runAll(s);
        const w = run.world;
        const byCore = new Map<number, [number, number][]>();
        const byVm = new Map<string, number>();
        const bad: string[] = [];
        for (let i = 0; i < trace.count; i++) {
          if (trace.kind[i] !== TraceKind.Slice) continue;
          const e = trace.entity[i] as number;
          const start = trace.t[i] as number;
          const end = trace.a[i] as number;
          if (!(end > start && start >= 0 && end <= w.end))
            bad.push(`slice ${start}–${end} on ${e}`);
          (byCore.get(e) ?? byCore.set(e, []).get(e))?.push([start, end]);
          const key = `${e >> 8}:${trace.b[i] as number}`;
          byVm.set(key, (byVm.get(key) ?? 0) + end - start);
        }
        for (const slices of byCore.values()) {
          slices.sort((a, b) => a[0] - b[0]);
          for (let i = 1; i < slices.length; i++) {
            const [s1] = slices[i] as [number, number];
            const [, e0] = slices[i - 1] as [number, number];
            if (s1 < e0) bad.push(`overlap at ${s1} < ${e0}`);
          }
        }
        expect(bad).toEqual([]);
        for (const [hostId, host] of [w.primary, w.backup].entries()) {
          for (const v of host.scheduler.all)
            expect(byVm.get(`${hostId}:${v.vm}`) ?? 0).toBe(v.runTime);
          const limit = host.alive ? w.end : host.crashedAt;
          for (const c of host.scheduler.coreTimes())
            expect(c.busy + c.switching).toBeLessThanOrEqual(limit);
        }
      }),
      PARAMS,
    );
  });
});
