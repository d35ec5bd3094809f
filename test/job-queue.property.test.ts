import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Micros } from '../src/sim/engine/units';
import { JobQueue } from '../src/sim/host/workload';
import type { Packet } from '../src/sim/net/packet';

/**
 * The queue's poll semantics written the plain way (an array of job objects, shifted): a poll
 * takes at most `budget` of the jobs waiting when it starts; a job completes once the CPU time
 * charged covers it; with a budget of 1 a completion ends the charge of that step. A live poll
 * (netback's) also takes the jobs pushed while it is under way, until it has taken `budget`.
 */
class ReferenceQueue {
  private jobs: { left: number; id: number }[] = [];
  /** Jobs of the poll under way not yet completed, and how many it has taken in all. */
  private poll = 0;
  private taken = 0;
  constructor(
    private readonly budget: number,
    private readonly live = false,
  ) {}
  push(cost: number, id: number): void {
    this.jobs.push({ left: Math.max(1, cost), id });
    if (this.live && this.poll > 0 && this.taken < this.budget) {
      this.poll++;
      this.taken++;
    }
  }
  private startPoll(): void {
    this.poll = Math.min(this.budget, this.jobs.length);
    this.taken = this.poll;
  }
  remaining(): number {
    if (this.poll === 0) this.startPoll();
    let s = 0;
    for (let i = 0; i < this.poll; i++) s += this.jobs[i]?.left ?? 0;
    return s;
  }
  run(dt: number, done: (id: number) => void): void {
    if (this.poll === 0) this.startPoll();
    let time = dt;
    while (time > 0 && this.poll > 0) {
      const j = this.jobs[0] as { left: number; id: number };
      const used = Math.min(time, j.left);
      j.left -= used;
      time -= used;
      if (j.left > 0) break;
      this.jobs.shift();
      this.poll--;
      if (this.budget === 1) time = 0;
      done(j.id);
    }
  }
  get length(): number {
    return this.jobs.length;
  }
}

type Op = { push: number; cost: number } | { run: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  // Bursts of up to 1500 jobs, so the queue's head passes the point where it moves its jobs down.
  fc.record({ push: fc.integer({ min: 1, max: 1500 }), cost: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ run: fc.integer({ min: 1, max: 20_000 }) }),
);

describe('JobQueue (in-place arrays with a head and a tail)', () => {
  it('completes the same jobs in the same order, with the same remaining work, as the plain FIFO', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 64),
        fc.boolean(),
        fc.array(op, { maxLength: 60 }),
        (budget, live, ops) => {
          const q = new JobQueue(budget, live);
          const ref = new ReferenceQueue(budget, live);
          const got: number[] = [];
          const want: number[] = [];
          q.onPacket = (_kind, p) => got.push(p.id);
          let id = 0;
          for (const o of ops) {
            if ('push' in o) {
              for (let i = 0; i < o.push; i++) {
                const p = { id: ++id } as Packet;
                // Both ways of queueing a job: a packet for the owner's handler, or its own completion.
                if (id % 3 === 0) q.push(o.cost, () => got.push(p.id), p);
                else q.pushPacket(o.cost, 0, p);
                ref.push(o.cost, id);
              }
            } else {
              // The scheduler's way: charge at most what the current poll needs, step by step.
              let budgetUs = o.run;
              while (budgetUs > 0 && q.remaining() > 0) {
                expect(q.remaining()).toBe(ref.remaining());
                const dt = Math.min(budgetUs, q.remaining());
                q.run(0 as Micros, dt);
                ref.run(dt, (j) => want.push(j));
                budgetUs -= dt;
              }
            }
            expect(q.length).toBe(ref.length);
            expect(q.remaining()).toBe(ref.remaining());
          }
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('clear hands back every packet still queued, and the queue then works from empty', () => {
    const q = new JobQueue(64);
    const done: number[] = [];
    q.onPacket = (_k, p) => done.push(p.id);
    for (let i = 1; i <= 2000; i++) q.pushPacket(5, 0, { id: i } as Packet);
    // 24 polls of 64: past the 1 501st consumed job, when the consumed head is three quarters of
    // the 2 000 and the queue moves the rest down.
    for (let poll = 0; poll < 24; poll++) q.run(0 as Micros, q.remaining());
    expect(done).toEqual(Array.from({ length: 1536 }, (_, i) => i + 1));
    const handedBack: number[] = [];
    q.clear((p) => handedBack.push(p.id));
    expect(handedBack).toEqual(Array.from({ length: 464 }, (_, i) => i + 1537));
    expect(q.length).toBe(0);
    expect(q.remaining()).toBe(0);
    q.pushPacket(3, 0, { id: 9 } as Packet);
    q.run(0 as Micros, 3);
    expect(done.at(-1)).toBe(9);
    expect(done).toHaveLength(1537);
  });

  it("a live poll (netback's) takes what is pushed while it runs, up to the weight; netfront's waits", () => {
    for (const live of [false, true]) {
      const q = new JobQueue(4, live);
      const done: number[] = [];
      q.onPacket = (_k, p) => done.push(p.id);
      q.pushPacket(10, 0, { id: 1 } as Packet);
      q.pushPacket(10, 0, { id: 2 } as Packet);
      expect(q.remaining()).toBe(20);
      q.run(0 as Micros, 5); // the poll of 2 is under way
      for (let id = 3; id <= 6; id++) q.pushPacket(10, 0, { id } as Packet);
      // Live: jobs 3 and 4 join (4 taken in all); otherwise the poll stays at its 2 jobs.
      expect(q.remaining()).toBe(live ? 35 : 15);
      q.run(0 as Micros, q.remaining());
      expect(done).toEqual(live ? [1, 2, 3, 4] : [1, 2]);
      // The next poll takes what is left.
      expect(q.remaining()).toBe(live ? 20 : 40);
    }
  });
});
