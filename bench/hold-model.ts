import { rngStream } from '../src/sim/engine/rng';
import { Simulator } from '../src/sim/engine/simulator';
import type { Micros } from '../src/sim/engine/units';

/**
 * The classic hold model: `pending` events; each handler reschedules itself at now + U(0, 1) s
 * (in whole µs). Returns events per second of wall time.
 */
export function holdModel(pending: number, events: number): number {
  const sim = new Simulator();
  const rng = rngStream(1, 'hold');
  const handler = (now: Micros) =>
    sim.at((now + Math.floor(rng.next() * 1_000_000)) as Micros, handler);
  for (let i = 0; i < pending; i++) sim.at(Math.floor(rng.next() * 1_000_000) as Micros, handler);
  const t0 = performance.now();
  for (let i = 0; i < events; i++) sim.step();
  const s = (performance.now() - t0) / 1000;
  return events / s;
}
