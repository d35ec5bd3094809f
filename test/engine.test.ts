import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../src/sim/engine/event-queue';
import { rngStream } from '../src/sim/engine/rng';
import { Simulator } from '../src/sim/engine/simulator';
import { TraceKind, TraceRecorder, concatBatches } from '../src/sim/engine/trace';
import { TraceHasher } from '../src/sim/engine/trace-hash';
import type { Micros } from '../src/sim/engine/units';

const t = (n: number) => n as Micros;

describe('event queue', () => {
  it('orders by time, then priority, then insertion order', () => {
    const q = new EventQueue();
    const fired: string[] = [];
    const add = (time: number, prio: number, name: string) =>
      q.push(t(time), prio, () => fired.push(name));
    add(10, 0, 'c');
    add(5, 1, 'b');
    add(5, 0, 'a1');
    add(5, 0, 'a2');
    add(1, 9, 'first');
    while (q.size > 0) q.pop()?.(t(0));
    expect(fired).toEqual(['first', 'a1', 'a2', 'b', 'c']);
  });

  it('matches a sorted reference on many random events (heap property survives growth)', () => {
    const q = new EventQueue();
    const rng = rngStream(7, 'queue-test');
    const ref: { time: number; seq: number }[] = [];
    for (let i = 0; i < 5000; i++) {
      const time = rng.int(0, 1000);
      ref.push({ time, seq: i });
      q.push(t(time), 0, () => undefined);
    }
    ref.sort((a, b) => a.time - b.time || a.seq - b.seq);
    const out: number[] = [];
    while (q.size > 0) {
      out.push(q.peekTime());
      q.pop();
    }
    expect(out).toEqual(ref.map((r) => r.time));
  });
});

describe('simulator', () => {
  it('runUntil fires events up to and including the end and sets the clock', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    sim.at(t(100), (now) => seen.push(now));
    sim.at(t(200), (now) => {
      seen.push(now);
      sim.after(50, (n) => seen.push(n));
    });
    sim.at(t(300), (now) => seen.push(now));
    sim.runUntil(t(250));
    expect(seen).toEqual([100, 200, 250]);
    expect(sim.now).toBe(250);
    expect(sim.peek()).toBe(300);
  });

  it('re-arms a timer in place: the latest setting fires once, a cleared timer not at all', () => {
    const sim = new Simulator();
    const fired: string[] = [];
    const a = sim.timer((now) => fired.push(`a@${now}`));
    const b = sim.timer((now) => fired.push(`b@${now}`));
    sim.setTimer(a, t(100));
    sim.setTimer(a, t(50)); // re-planned earlier: nothing is left at 100
    sim.setTimer(b, t(70));
    sim.clearTimer(b);
    sim.at(t(50), (now) => fired.push(`event@${now}`)); // scheduled after a's setting: fires after it
    expect(sim.pending).toBe(2);
    sim.runUntil(t(1000));
    expect(fired).toEqual(['a@50', 'event@50']);
    expect(() => sim.setTimer(a, t(10))).toThrow(/before now/);
  });

  it('fires timers and events in the order events scheduled at the same calls would fire (random schedules)', () => {
    // Reference: each timer as the event pattern it replaces — every setting is a new event,
    // and only the latest setting of a timer (not cleared since) acts.
    type Op = { kind: 'at' | 'set' | 'clear'; timer: number; dt: number; priority: number };
    const op = fc.record({
      kind: fc.constantFrom<Op['kind']>('at', 'set', 'set', 'clear'),
      timer: fc.integer({ min: 0, max: 3 }),
      dt: fc.integer({ min: 0, max: 40 }),
      priority: fc.integer({ min: -1, max: 1 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(op, { maxLength: 4 }), { minLength: 1, maxLength: 40 }),
        (plan) => {
          const run = (useTimers: boolean): string[] => {
            const sim = new Simulator();
            const log: string[] = [];
            let step = 0;
            const latest = [-1, -1, -1, -1];
            const current = [0, 0, 0, 0];
            const slots: number[] = [];
            // Each firing does the next step of the plan: events and timers beget more.
            const act = (label: string, now: Micros) => {
              log.push(`${label}@${now}`);
              // A bounded schedule (superseded reference events must not count against a budget).
              if (log.length >= 200) return;
              for (const o of plan[step++ % plan.length] as Op[]) {
                const at = (now + o.dt) as Micros;
                if (o.kind === 'at') sim.at(at, (n) => act('e', n), o.priority);
                else if (o.kind === 'set') {
                  if (useTimers) sim.setTimer(slots[o.timer] as number, at, o.priority);
                  else {
                    const gen = (current[o.timer] as number) + 1;
                    current[o.timer] = gen;
                    latest[o.timer] = gen;
                    sim.at(
                      at,
                      (n) => {
                        if (latest[o.timer] === gen) {
                          latest[o.timer] = -1;
                          act(`t${o.timer}`, n);
                        }
                      },
                      o.priority,
                    );
                  }
                } else if (useTimers) sim.clearTimer(slots[o.timer] as number);
                else latest[o.timer] = -1;
              }
            };
            for (let i = 0; i < 4; i++) slots.push(sim.timer((n) => act(`t${i}`, n)));
            sim.at(t(0), (n) => act('e', n));
            sim.runUntil(t(100_000));
            return log;
          };
          expect(run(true)).toEqual(run(false));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('runs continuations deferred inside a handler after it, in order, including those they defer', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    sim.at(t(10), () => {
      sim.defer(() => {
        seen.push('d1');
        sim.defer(() => seen.push('d3'));
      });
      sim.defer(() => seen.push('d2'));
      seen.push('handler');
    });
    sim.at(t(10), () => seen.push('next event'));
    sim.at(t(20), () => sim.defer(() => seen.push('second handler')));
    sim.runUntil(t(100));
    expect(seen).toEqual(['handler', 'd1', 'd2', 'd3', 'next event', 'second handler']);
  });

  it('passes a deferred continuation the argument it was deferred with, inside a handler or not', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    const note = (now: number, arg: number) => seen.push(`${now}:${arg}`);
    sim.defer(note, 7);
    sim.at(t(10), () => {
      sim.defer(note, 1);
      sim.defer(note, 2);
    });
    sim.runUntil(t(100));
    expect(seen).toEqual(['0:7', '10:1', '10:2']);
  });

  it('refuses events in the past and fractional times', () => {
    const sim = new Simulator();
    sim.runUntil(t(10));
    expect(() => sim.at(t(5), () => undefined)).toThrow(RangeError);
    expect(() => sim.at(t(10.5), () => undefined)).toThrow(RangeError);
  });
});

describe('rng streams', () => {
  it('are reproducible per (seed, name) and independent across names', () => {
    const a = rngStream(1, 'vm1');
    const b = rngStream(1, 'vm1');
    const c = rngStream(1, 'vm2');
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
    expect(rngStream(2, 'vm1').next()).not.toBe(sa[0]);
  });

  it('is roughly uniform', () => {
    const r = rngStream(3, 'uniform');
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const k = Math.floor(r.next() * 10);
      bins[k] = (bins[k] as number) + 1;
    }
    for (const n of bins) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });
});

describe('trace', () => {
  it('setState replaces the same kind and entity at the same µs, unless that record was handed out', () => {
    const rec = new TraceRecorder();
    rec.setState(5, TraceKind.Buffer, 1, 1, 100);
    rec.setState(5, TraceKind.Buffer, 1, 2, 200); // same instant: the state after both
    rec.setState(5, TraceKind.Buffer, 2, 1, 50); // another VM: its own record
    rec.setState(5, TraceKind.Buffer, 2, 3, 150);
    rec.setState(6, TraceKind.Buffer, 2, 4, 180); // a later instant: a new record
    const first = rec.takeNew();
    expect(Array.from(first.entity)).toEqual([1, 2, 2]);
    expect(Array.from(first.a)).toEqual([2, 3, 4]);
    expect(Array.from(first.b)).toEqual([200, 150, 180]);
    // The last record was streamed: a change at its instant is a record of its own.
    rec.setState(6, TraceKind.Buffer, 2, 5, 230);
    expect(Array.from(rec.takeNew().a)).toEqual([5]);
    expect(rec.recorded).toBe(4);
  });

  it('drains columnar batches and hashes them the same however they are chunked', () => {
    const rec = new TraceRecorder();
    const h1 = new TraceHasher();
    const batches = [];
    for (let i = 0; i < 10_000; i++) {
      rec.add(i, TraceKind.RtpRx, i % 4, i * 2, 0, 0.5);
      if (i % 3000 === 0) {
        const b = rec.drain();
        h1.update(b);
        batches.push(b);
      }
    }
    const last = rec.drain();
    h1.update(last);
    batches.push(last);
    const all = concatBatches(batches);
    expect(all.count).toBe(10_000);
    expect(all.a[9999]).toBe(19_998);
    const h2 = new TraceHasher();
    for (const b of batches) h2.update(b);
    expect(h2.digest()).toBe(h1.digest());
    const h3 = new TraceHasher();
    h3.update(all);
    // Column-major hashing means chunking changes the byte order; equality holds for the same chunking.
    expect(h3.digest()).toMatch(/^[0-9a-f]{8}$/);
  });

  it('hashes FNV-1a over every byte of every column, whatever the record count (word-at-a-time reads change nothing)', () => {
    // The reference: FNV-1a 32-bit, one byte at a time, columns in record-field order.
    const fnv = (batch: ReturnType<TraceRecorder['drain']>): string => {
      let h = 0x811c9dc5;
      for (const col of [batch.t, batch.kind, batch.entity, batch.a, batch.b, batch.c]) {
        const bytes = new Uint8Array(
          col.buffer,
          col.byteOffset,
          batch.count * col.BYTES_PER_ELEMENT,
        );
        for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
      }
      return (h >>> 0).toString(16).padStart(8, '0');
    };
    const rng = rngStream(11, 'hash-test');
    // Odd counts leave a tail of the one-byte `kind` column that is not a whole word.
    for (const n of [0, 1, 2, 3, 5, 7, 64, 1001]) {
      const rec = new TraceRecorder();
      // Zeros and small integers as well as wide values: a zero word, or one whose high half is
      // zero, is folded with fewer multiplications, which must give the same hash.
      const pick = (wide: number): number =>
        [0, rng.int(0, 255), rng.int(0, 65535), wide][rng.int(0, 3)] as number;
      for (let i = 0; i < n; i++)
        rec.add(
          pick(rng.int(0, 1e9)),
          rng.int(1, 19) as TraceKind,
          pick(rng.int(0, 2 ** 32 - 1)),
          pick(rng.next()),
          pick(-i),
          pick(i / 3),
        );
      const batch = rec.drain();
      const h = new TraceHasher();
      h.update(batch);
      expect(h.digest(), `${n} records`).toBe(fnv(batch));
    }
    // A view at an odd byte offset takes the byte-at-a-time path: the same hash as the reference.
    const rec = new TraceRecorder();
    for (let i = 0; i < 9; i++) rec.add(i, TraceKind.Drop, i, i, i, i);
    const b = rec.drain();
    const shifted = new Uint8Array(b.kind.length + 1);
    shifted.set(b.kind, 1);
    const odd = { ...b, kind: shifted.subarray(1) };
    const h = new TraceHasher();
    h.update(odd);
    expect(h.digest()).toBe(fnv(odd));
  });
});
