import { WORKLOAD_SLOT_COUNT } from '../src/sim/workloads/slots';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { validateScenario } from '../src/sim/scenario/validate';

/** One workload slot's draw: every field the kinds read. */
const slotArb = fc.record({
  kind: fc.constantFrom('none', 'stream-udp', 'stream-tcp', 'web', 'transfer'),
  target: fc.constantFrom(1, 1, 2),
  startS: fc.constantFrom(0, 0.5, 1),
  rate: fc.integer({ min: 1, max: 3000 }),
  rateEnd: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
  bytes: fc.integer({ min: 1, max: 1400 }),
  replyKB: fc.constantFrom(0.5, 10, 100),
  costUs: fc.integer({ min: 1, max: 3000 }),
  direction: fc.constantFrom('to-vm', 'from-vm'),
  backlog: fc.integer({ min: 1, max: 256 }),
  timeoutS: fc.constantFrom(0.5, 1, 5),
  sizeKB: fc.integer({ min: 1, max: 3000 }),
  windowKB: fc.integer({ min: 1, max: 512 }),
  wanDelayMs: fc.integer({ min: 0, max: 100 }),
});

const drawArb = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  protection: fc.constantFrom('remus', 'standby', 'none'),
  crash: fc.boolean(),
  // Every slot (w1 … w8), so the slots past the fourth are drawn too.
  w: fc.array(slotArb, { minLength: WORKLOAD_SLOT_COUNT, maxLength: WORKLOAD_SLOT_COUNT }),
});

describe('workloads over generated scenarios (fast-check)', () => {
  it('validate with no issue, keep packet conservation, and run the same twice', () => {
    fc.assert(
      fc.property(drawArb, (d) => {
        const { scenario, issues } = validateScenario({
          seed: d.seed,
          durationS: 2,
          telephony: { calls: 1 },
          vms: { vm1: { protection: d.protection }, vm2: { enabled: true } },
          failure: { detector: 'heartbeat', deadMs: 2500, warnMs: 1500 },
          failures: d.crash ? { f1: { kind: 'host-crash', atS: 1.2, target: 1 } } : {},
          workloads: Object.fromEntries(d.w.map((w, i) => [`w${i + 1}`, w])),
        });
        expect(issues).toEqual([]);
        const a = runToEnd(scenario);
        // The ledger throws when a packet ends twice: reaching the end is part of the check.
        const l = a.world.ledger;
        expect(l.created).toBe(l.delivered + l.droppedTotal + l.inFlight);
        const b = runToEnd(scenario);
        expect(b.summary).toEqual(a.summary);
        expect(b.traceHash).toBe(a.traceHash);
        for (const w of a.summary.workloads ?? []) {
          if (w.stream) {
            expect(w.stream.received + w.stream.lost).toBeLessThanOrEqual(w.stream.sent);
            if (w.kind === 'stream-tcp') expect(w.stream.lost).toBe(0);
          }
          if (w.web) {
            // Every reply was served, every served request was accepted, the queue held ≤ backlog + 1.
            expect(w.web.replies).toBeLessThanOrEqual(w.web.served);
            expect(w.web.served).toBeLessThanOrEqual(w.web.accepted);
            expect(w.web.accepted).toBeLessThanOrEqual(w.web.connections);
            const slot = d.w[w.slot - 1];
            expect(w.web.maxQueued).toBeLessThanOrEqual((slot?.backlog ?? 0) + 1);
            expect(w.web.replies + w.web.timeouts + w.web.open).toBe(w.web.connections);
          }
        }
      }),
      { numRuns: 60, seed: 20261201 },
    );
  }, 300_000);
});
