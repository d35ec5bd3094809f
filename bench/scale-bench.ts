import { ScenarioRun } from '../src/sim/run';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';

/**
 * Issue 11's scale figures: `streams` relayed G.711 streams (two per call) under Remus Net at
 * 100 ms for `durationS` simulated s — the net-vs-nonet-media preset with its calls raised.
 */
export function scaleScenario(streams: number, durationS: number): Scenario {
  const preset = findPreset('net-vs-nonet-media');
  if (!preset) throw new Error('preset net-vs-nonet-media is missing');
  // setPath returns a changed copy.
  const input = setPath(
    setPath(presetScenario(preset), 'telephony.calls', streams / 2),
    'durationS',
    durationS,
  );
  const { scenario, issues } = validateScenario(input);
  if (issues.length > 0) throw new Error(`scale bench scenario: ${JSON.stringify(issues)}`);
  return scenario;
}

/** One run: wall ms, events, relayed RTP packets offered by the clients, peak RSS (MB). */
export function scaleRun(
  streams: number,
  durationS: number,
): {
  wallMs: number;
  events: number;
  offered: number;
  peakMb: number;
} {
  const s = scaleScenario(streams, durationS);
  const t0 = performance.now();
  const run = new ScenarioRun(s);
  let peak = process.memoryUsage().rss;
  for (;;) {
    const c = run.next();
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
    if (c.done) break;
  }
  const wallMs = performance.now() - t0;
  const events = run.world.sim.eventsFired;
  // Each client sends 50 packets/s from its phase (≤ 20 ms after 200 ms) to the end.
  const offered = Math.round(streams * 50 * (durationS - 0.21));
  return { wallMs, events, offered, peakMb: peak / 2 ** 20 };
}

/** The printed line for `streams` streams over `durationS` s (target in wall s). */
export function scaleBenchLine(streams: number, durationS: number, targetS: number): string {
  const r = scaleRun(streams, durationS);
  const perPacket = r.events / r.offered;
  return (
    `${streams} relayed G.711 streams, Remus Net 100 ms, ${durationS} simulated s: ` +
    `${(r.wallMs / 1000).toFixed(2)} s wall (target ≤ ${targetS} s), ` +
    `${r.events.toLocaleString()} events, ${perPacket.toFixed(2)} events per relayed packet (target ≤ 3), ` +
    `peak RSS ${r.peakMb.toFixed(0)} MB (target ≤ 500)`
  );
}
