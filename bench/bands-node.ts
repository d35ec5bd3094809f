import { StreamBands, binWidthUs, type BandMetric } from '../src/ui/charts/stream-bands';
import type { RtpSeries } from '../src/ui/views/run-view-cols';

/**
 * The band computation alone, in Node, for stream counts the page cannot run yet: `streams`
 * G.711 streams (one packet per 20 ms) over `seconds`, synthetic values in typed columns as the
 * page keeps them. Returns the time to build the three metrics' bands over the whole window at
 * once (a zoom or a new window), and the worst time to fold one frame of playback at ×4
 * (1/60 s of wall time = 67 ms simulated) into all three.
 */
export function bandsCost(
  streams: number,
  seconds: number,
  px = 1080,
): { buildMs: number; frameMs: number } {
  const n = seconds * 50;
  const series: RtpSeries[] = Array.from({ length: streams }, (_, k) => {
    const t = new Float64Array(n);
    const jitterMs = new Float32Array(n);
    const delayMs = new Float32Array(n);
    const seq = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      t[i] = i * 20_000 + ((k * 37) % 20_000);
      jitterMs[i] = ((i * 7 + k) % 100) / 10;
      delayMs[i] = 20 + ((i * 13 + k) % 100);
      // Every 97th packet of a stream is lost.
      seq[i] = i + Math.floor(i / 97);
    }
    return { t, jitterMs, delayMs, seq };
  });
  const t1 = seconds * 1e6;
  const metrics: BandMetric[] = ['jitter', 'loss', 'delay'];
  const make = () =>
    metrics.map((m) => new StreamBands(streams, m, 0, t1, binWidthUs(0, t1, px, m)));
  let t0 = performance.now();
  for (const b of make()) b.update(series, t1);
  const buildMs = performance.now() - t0;
  const playing = make();
  let frameMs = 0;
  for (let until = 0; until <= t1; until += 66_667) {
    t0 = performance.now();
    for (const b of playing) b.update(series, until);
    frameMs = Math.max(frameMs, performance.now() - t0);
  }
  return { buildMs, frameMs };
}
