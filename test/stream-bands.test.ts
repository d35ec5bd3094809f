import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { StreamBands, binWidthUs, MIN_BIN_US } from '../src/ui/charts/stream-bands';
import { nearestStream, pickedIn, streamName, streamReadout } from '../src/ui/charts/stream-pick';
import { valuesAt } from '../src/ui/charts/chart-readout';
import type { RtpSeries } from '../src/ui/views/run-view-cols';
import { RunViews } from '../src/ui/views/run-views';
import { runToEnd } from '../src/sim/run';
import { preset } from './support/presets';

/** One stream's columns as the page keeps them (times µs, jitter and delay ms, sequence numbers). */
function stream(t: number[], jitter: number[], seq: number[] = t.map((_, i) => i)): RtpSeries {
  return {
    t: Float64Array.from(t),
    jitterMs: Float32Array.from(jitter),
    delayMs: Float32Array.from(jitter.map((j) => 10 * j)),
    seq: Uint32Array.from(seq),
  };
}

// Three streams over 300 ms in 100 ms bins. Stream 2 has a packet in the first bin only.
const three = [
  stream([10_000, 50_000, 150_000], [1, 3, 2]),
  stream([20_000, 120_000], [5, 4]),
  stream([30_000], [2]),
];

describe('percentile bands across streams', () => {
  it('gives each bin the median, p95 and max of the streams’ largest values (as d3.quantile does)', () => {
    // Delay (10 × the jitter above): 10, 30, 20 ms; 50, 40 ms; 20 ms.
    const b = new StreamBands(3, 'delay', 0, 300_000, 100_000);
    b.update(three, 300_000);
    expect(b.bins).toBe(3);
    // Bin 0: the streams' largest delays are 30, 50 and 20 ms. R-7 quantiles by hand on
    // [20, 30, 50]: median = 30; p95 at rank 0.95 × 2 = 1.9 → 30 + 0.9 × (50 − 30) = 48; max 50.
    expect(b.count[0]).toBe(3);
    expect(b.median[0]).toBeCloseTo(30, 4);
    expect(b.p95[0]).toBeCloseTo(48, 4);
    expect(b.max[0]).toBe(50);
    expect(b.median[0]).toBeCloseTo(d3.quantile([30, 50, 20], 0.5) as number, 4);
    expect(b.p95[0]).toBeCloseTo(d3.quantile([30, 50, 20], 0.95) as number, 4);
    // Bin 1: stream 2 has no packet there, so no delay: it is left out. [20, 40] → median 30,
    // p95 20 + 0.95 × 20 = 39.
    expect(b.count[1]).toBe(2);
    expect(Number.isNaN(b.valueOf(2, 1))).toBe(true);
    expect(b.median[1]).toBeCloseTo(30, 4);
    expect(b.p95[1]).toBeCloseTo(39, 4);
    expect(b.max[1]).toBe(40);
    // Bin 2: no stream has a packet: no value at all, not 0.
    expect(b.count[2]).toBe(0);
    expect(Number.isNaN(b.median[2])).toBe(true);
    expect(Number.isNaN(b.p95[2])).toBe(true);
    expect(Number.isNaN(b.max[2])).toBe(true);
  });

  it('holds a stream’s jitter estimate through bins without a packet (RFC 3550 J holds between arrivals)', () => {
    const b = new StreamBands(3, 'jitter', 0, 300_000, 100_000);
    b.update(three, 300_000);
    // Bin 0: largest J 3, 5, 2. Bin 1: stream 0's J was 3 from 50 ms until its packet at 150 ms
    // set 2, stream 1's was 5 until 120 ms, stream 2 holds 2: again [2, 3, 5].
    expect([b.valueOf(0, 1), b.valueOf(1, 1), b.valueOf(2, 1)]).toEqual([3, 5, 2]);
    expect(b.median[1]).toBeCloseTo(3, 6);
    expect(b.p95[1]).toBeCloseTo(4.8, 6);
    // Bin 2, no packets at all: the held values 2, 4, 2 → median 2, p95 2 + 0.9 × 2 = 3.8, max 4.
    expect(b.count[2]).toBe(3);
    expect(b.median[2]).toBeCloseTo(2, 6);
    expect(b.p95[2]).toBeCloseTo(3.8, 6);
    expect(b.max[2]).toBe(4);
    // A stream that has had no packet yet has no J to hold.
    const late = new StreamBands(2, 'jitter', 0, 300_000, 100_000);
    late.update([three[0], stream([250_000], [7])], 300_000);
    expect(late.count[0]).toBe(1);
    expect(late.count[1]).toBe(1);
    expect(late.count[2]).toBe(2);
  });

  it.each(['delay', 'jitter'] as const)(
    'matches d3.quantile on a larger random case (%s)',
    (metric) => {
      // 50 streams, one packet each per 20 ms for 1 s, with jitter values from a seeded LCG.
      let x = 12345;
      const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 40;
      const series = Array.from({ length: 50 }, () =>
        stream(
          Array.from({ length: 50 }, (_, i) => i * 20_000 + 1),
          Array.from({ length: 50 }, rnd),
        ),
      );
      const b = new StreamBands(50, metric, 0, 1_000_000, 100_000);
      b.update(series, 1_000_000);
      const col = metric === 'jitter' ? 'jitterMs' : 'delayMs';
      for (let bin = 0; bin < b.bins; bin++) {
        const perStream = series.map((s) => {
          let m = -Infinity;
          s.t.forEach((t, i) => {
            // Jitter: the J held from the last packet of the bin before counts too.
            const inBin = Math.floor(t / 100_000) === bin;
            const heldIn =
              metric === 'jitter' && Math.floor(t / 100_000) === bin - 1 && i % 5 === 4;
            if (inBin || heldIn) m = Math.max(m, s[col][i] as number);
          });
          return m;
        });
        expect(b.count[bin]).toBe(50);
        expect(b.median[bin]).toBeCloseTo(d3.quantile(perStream, 0.5) as number, 4);
        expect(b.p95[bin]).toBeCloseTo(d3.quantile(perStream, 0.95) as number, 4);
        expect(b.max[bin]).toBeCloseTo(d3.max(perStream) as number, 4);
      }
    },
  );

  it('counts loss per bin as RFC 3550 A.3 does, each packet in the bin it was sent in', () => {
    // Stream 0 (no delay: sent as it arrives) loses sequence numbers 2–4, which its clock puts
    // between 1 (30 ms) and 5 (150 ms): at 60, 90 and 120 ms. Bin 0 expects 0–3 and gets 0 and
    // 1 (50 %); bin 1 expects 4 and 5 and gets 5 (50 %). Stream 1: 0, 2, 1 reordered in one bin.
    const b = new StreamBands(2, 'loss', 0, 200_000, 100_000);
    b.update(
      [
        stream([10_000, 30_000, 150_000], [0, 0, 0], [0, 1, 5]),
        stream([1, 2, 3], [0, 0, 0], [0, 2, 1]),
      ],
      200_000,
    );
    expect(b.valueOf(0, 0)).toBe(50);
    expect(b.valueOf(0, 1)).toBe(50);
    expect(b.valueOf(1, 0)).toBe(0);
    // Stream 1 sent nothing known in bin 1: no value there, so bin 1's percentiles are stream 0's.
    expect(Number.isNaN(b.valueOf(1, 1))).toBe(true);
    expect(b.count[1]).toBe(1);
    expect(b.median[1]).toBe(50);
    expect(b.max[1]).toBe(50);
  });

  it('a packet overtaken across a bin’s end is not lost in either bin (arrival bins said 20 %)', () => {
    // Sent every 20 ms from 15 ms with 5 ms of delay, but seq 3 (sent at 75 ms) takes 30 ms and
    // lands at 105 ms, after seq 4 (sent at 95 ms, landed 98 ms). By arrival, bin 0 expected 0–4
    // and got four (20 % lost) and bin 1's surplus was clamped away; by send time each bin gets
    // all it sent.
    const sent = [15_000, 35_000, 55_000, 75_000, 95_000, 115_000, 135_000];
    const delay = [5, 5, 5, 30, 3, 5, 5];
    const arrival = sent.map((t, i) => t + 1000 * (delay[i] as number));
    const order = [0, 1, 2, 4, 3, 5, 6];
    const s: RtpSeries = {
      t: Float64Array.from(order.map((i) => arrival[i] as number)),
      jitterMs: new Float32Array(7),
      delayMs: Float32Array.from(order.map((i) => delay[i] as number)),
      seq: Uint32Array.from(order),
    };
    const b = new StreamBands(1, 'loss', 0, 200_000, 100_000);
    b.update([s], 200_000);
    expect([b.valueOf(0, 0), b.valueOf(0, 1)]).toEqual([0, 0]);
  });

  it('counts a gap just before the window from where its packets were sent', () => {
    // Window from 100 ms: the packet before it had seq 3 (50 ms), the first inside seq 6 (150 ms):
    // 4 was sent at 83 ms (before the window), 5 at 117 ms and 6 at 150 ms: 2 expected, 1 received.
    const b = new StreamBands(1, 'loss', 100_000, 200_000, 100_000);
    b.update([stream([50_000, 150_000], [0, 0], [3, 6])], 200_000);
    expect(b.valueOf(0, 0)).toBe(50);
  });

  it('folds in steps to the same bands as in one go', () => {
    const once = new StreamBands(3, 'jitter', 0, 300_000, 100_000);
    once.update(three, 300_000);
    const steps = new StreamBands(3, 'jitter', 0, 300_000, 100_000);
    for (const until of [0, 15_000, 60_000, 130_000, 300_000]) steps.update(three, until);
    expect([...steps.median]).toEqual([...once.median]);
    expect([...steps.p95]).toEqual([...once.p95]);
    expect([...steps.max]).toEqual([...once.max]);
    expect([...steps.count]).toEqual([...once.count]);
    // Before the playhead reaches a sample, it is not counted.
    const part = new StreamBands(3, 'jitter', 0, 300_000, 100_000);
    part.update(three, 25_000);
    expect(part.count[0]).toBe(2);
    expect(part.max[0]).toBe(5);
    expect(part.fits(3, 'jitter', 0, 300_000, 100_000)).toBe(true);
    expect(part.fits(3, 'jitter', 0, 400_000, 100_000)).toBe(false);
  });

  it.each(['jitter', 'delay', 'loss'] as const)(
    'a playhead moved back gives the bands of a fresh build up to it (%s)',
    (metric) => {
      const series = [
        stream([10_000, 50_000, 150_000, 260_000], [1, 3, 2, 6], [0, 1, 5, 6]),
        stream([20_000, 120_000, 180_000], [5, 4, 1], [0, 1, 3]),
        stream([30_000, 210_000], [2, 8], [0, 9]),
      ];
      const fresh = (until: number) => {
        const b = new StreamBands(3, metric, 0, 300_000, 50_000);
        b.update(series, until);
        return b;
      };
      const moved = new StreamBands(3, metric, 0, 300_000, 50_000);
      for (const until of [300_000, 160_000, 230_000, 40_000, 0, 300_000, 120_000]) {
        moved.update(series, until);
        const f = fresh(until);
        for (const key of ['median', 'p95', 'max', 'count'] as const)
          expect([...moved[key]], `${key} at ${until}`).toEqual([...f[key]]);
        for (let k = 0; k < 3; k++)
          for (let bin = 0; bin < f.bins; bin++)
            expect(moved.valueOf(k, bin), `stream ${k} bin ${bin} at ${until}`).toEqual(
              f.valueOf(k, bin),
            );
      }
    },
  );

  it('bins no narrower than a packet interval (jitter) or a second (loss), else 3 px each', () => {
    expect(binWidthUs(0, 60e6, 600, 'jitter')).toBe(300_000);
    expect(binWidthUs(0, 1e6, 600, 'jitter')).toBe(MIN_BIN_US.jitter);
    expect(binWidthUs(0, 20e6, 600, 'loss')).toBe(MIN_BIN_US.loss);
  });
});

describe('picking one stream', () => {
  it('a click picks the stream whose value in that bin is nearest', () => {
    const b = new StreamBands(3, 'delay', 0, 300_000, 100_000);
    b.update(three, 300_000);
    // Bin 0: 30, 50, 20 ms; bin 1: 20, 40 ms and nothing from stream 2.
    expect(nearestStream(b, 50_000, 49)).toBe(1);
    expect(nearestStream(b, 50_000, 24)).toBe(2);
    expect(nearestStream(b, 150_000, 10)).toBe(0);
    expect(nearestStream(b, 150_000, 25)).toBe(0);
    expect(nearestStream(b, 150_000, 35)).toBe(1);
    // Nobody has a packet in the last bin; outside the window there is nothing to pick.
    expect(nearestStream(b, 250_000, 1)).toBeNull();
    expect(nearestStream(b, 400_000, 1)).toBeNull();
    expect(streamName(5)).toBe('call 3 callee→caller');
  });

  it('the readout gives the last packet’s jitter and delay and the losses in view', () => {
    const s = stream([10_000, 30_000, 150_000], [1, 2, 3], [0, 1, 5]);
    expect(streamReadout(s, 0, 100_000)).toEqual({
      jitterMs: 2,
      delayMs: 20,
      received: 2,
      expected: 2,
    });
    expect(streamReadout(s, 0, 200_000)).toMatchObject({ received: 3, expected: 6 });
    expect(streamReadout(s, 0, 5_000)).toEqual({
      jitterMs: null,
      delayMs: null,
      received: 0,
      expected: 0,
    });
    expect(streamReadout(undefined, 0, 5_000).jitterMs).toBeNull();
  });

  it('the chart readout shows a band as low–high and a gap as no value', () => {
    const v = valuesAt(
      [
        {
          kind: 'band',
          label: 'b',
          colour: '#000',
          opacity: 0.5,
          points: [
            [0, 1, 2],
            [10, NaN, NaN],
          ],
        },
        {
          kind: 'line',
          label: 'l',
          colour: '#000',
          points: [
            [0, 3],
            [10, NaN],
          ],
        },
      ],
      5,
    );
    expect(v).toEqual([
      { label: 'b', value: 2, low: 1 },
      { label: 'l', value: 3 },
    ]);
    const gap = valuesAt(
      [
        {
          kind: 'band',
          label: 'b',
          colour: '#000',
          opacity: 0.5,
          points: [
            [0, 1, 2],
            [10, NaN, NaN],
          ],
        },
        {
          kind: 'line',
          label: 'l',
          colour: '#000',
          points: [
            [0, 3],
            [10, NaN],
          ],
        },
      ],
      15,
    );
    expect(gap).toEqual([
      { label: 'b', value: null },
      { label: 'l', value: null },
    ]);
  });
});

describe('loss bands of a run that loses nothing', () => {
  it('are 0 in every bin: Net’s bursts with a random extra delay showed 5 % (net-vs-nonet-media)', () => {
    const s = preset('net-vs-nonet-media');
    const run = runToEnd(s);
    expect(run.summary.packets.dropped).toEqual({});
    const views = new RunViews();
    for (const b of run.batches) views.add(b, s.durationS * 1e6);
    const streams = run.summary.streams.length;
    const series = Array.from({ length: streams }, (_, k) => views.rtp.get(k));
    const end = s.durationS * 1e6;
    const b = new StreamBands(streams, 'loss', 0, end, MIN_BIN_US.loss);
    b.update(series, end);
    // Every bin has values (the streams send all run), and none is above 0.
    expect([...b.count].every((n) => n > 0)).toBe(true);
    expect(Math.max(...b.max)).toBe(0);
  });
});

describe('the picked stream when calls are lowered', () => {
  it('keeps its direction: call 1500 becomes the last call (40) in the same direction, not the other one', () => {
    // Stream 2998 is call 1500 caller→callee; with 40 calls (80 streams) it is call 40 caller→callee (78).
    expect(pickedIn(2998, 80)).toBe(78);
    expect(pickedIn(2999, 80)).toBe(79);
    expect(pickedIn(5, 80)).toBe(5);
    expect(pickedIn(3, 1)).toBe(0);
  });
});
