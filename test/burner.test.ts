import { describe, expect, it } from 'vitest';
import type { Micros } from '../src/sim/engine/units';
import { Burner } from '../src/sim/host/workload';

describe('Burner (demand topped up lazily every period)', () => {
  it('adds each top-up due by the clock, inclusive, and asks for a wake-up only when it runs dry', () => {
    const clock = { now: 0 };
    const b = new Burner(0.4);
    const idle: number[] = [];
    b.onIdle = (at) => idle.push(at);
    b.start(0, 1000, clock);
    // Nothing yet, so it asks at once to be woken at the first top-up.
    expect(idle).toEqual([0]);
    expect(b.remaining()).toBe(400);
    clock.now = 300;
    b.run(clock.now as Micros, 300);
    expect(b.remaining()).toBe(100);
    expect(idle).toEqual([0]);
    clock.now = 400;
    b.run(clock.now as Micros, 100);
    // Dry: the next top-up is at 1000.
    expect(b.remaining()).toBe(0);
    expect(idle).toEqual([0, 1000]);
    clock.now = 999;
    expect(b.remaining()).toBe(0);
    clock.now = 1000;
    expect(b.remaining()).toBe(400);
    // Three more top-ups while it waits (2000, 3000, 4000): a backlog, and no wake-up asked for.
    clock.now = 4000;
    expect(b.remaining()).toBe(1600);
    b.run(clock.now as Micros, 1000);
    expect(b.remaining()).toBe(600);
    expect(idle).toEqual([0, 1000]);
  });

  it('stops while its host is down and starts again from the repair, keeping its backlog', () => {
    const clock = { now: 0 };
    const b = new Burner(0.5);
    b.start(0, 1000, clock);
    clock.now = 2500;
    expect(b.remaining()).toBe(1500);
    b.stop();
    clock.now = 10_000;
    expect(b.remaining()).toBe(1500);
    b.start(10_200, 1000, clock);
    clock.now = 10_200;
    expect(b.remaining()).toBe(2000);
    clock.now = 11_199;
    expect(b.remaining()).toBe(2000);
  });

  it('without start, only accrue adds demand (the scheduler tests drive it by hand)', () => {
    const b = new Burner(1);
    expect(b.remaining()).toBe(0);
    expect(b.accrue(5000)).toBe(true);
    expect(b.remaining()).toBe(5000);
    expect(b.accrue(1)).toBe(false);
  });
});
