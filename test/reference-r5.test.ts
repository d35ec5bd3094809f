import { describe, expect, it } from 'vitest';
import { TraceKind, concatBatches } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { setPath } from '../src/sim/scenario/scenario';
import { REFERENCE } from './reference-data';

const R5 = REFERENCE.r5;
const preset = (id: string) =>
  presetScenario(
    findPreset(id) ??
      (() => {
        throw new Error(id);
      })(),
  );

/** Jitter samples of stream 0 as (t µs, J ms). */
function jitterSeries(batches: ReturnType<typeof runToEnd>['batches']) {
  const all = concatBatches(batches);
  const out: { t: number; j: number }[] = [];
  for (let i = 0; i < all.count; i++)
    if (all.kind[i] === TraceKind.RtpRx && all.entity[i] === 0)
      out.push({ t: all.t[i] as number, j: all.c[i] as number });
  return out;
}

describe('R5 — Remus output buffering bursts RTP (from the presets)', () => {
  const net = runToEnd(preset('remus-bursts'));

  it(`Net at ${R5.intervalMs} ms releases ≈ ${R5.burstPerCallDirection} RTP packets per call and direction (±${R5.burstTolerance})`, () => {
    const b = net.summary.bursts;
    expect(b.releases).toBeGreaterThan(30);
    expect(Math.abs(b.rtpPerCallDirectionMean - R5.burstPerCallDirection)).toBeLessThanOrEqual(
      R5.burstTolerance,
    );
    // One release per epoch: the release period is the interval plus the checkpoint time (libxl).
    expect(b.releaseIntervalMeanMs).toBeGreaterThanOrEqual(R5.intervalMs);
    expect(b.releaseIntervalMeanMs).toBeLessThan(R5.intervalMs * 1.15);
    expect(net.summary.outputCommitViolations).toBe(0);
  });

  it('receiver jitter spikes once per interval', () => {
    const series = jitterSeries(net.batches).filter((x) => x.t > 2e6);
    // A spike is a jump of J by more than 10 ms between consecutive packets (the first packet of a burst).
    const spikes = series.filter((x, i) => i > 0 && x.j - (series[i - 1] as { j: number }).j > 10);
    const spanS = ((series.at(-1)?.t ?? 0) - (series[0]?.t ?? 0)) / 1e6;
    const perSecond = spikes.length / spanS;
    const expected = 1000 / net.summary.bursts.releaseIntervalMeanMs;
    expect(perSecond).toBeGreaterThan(expected * 0.8);
    expect(perSecond).toBeLessThan(expected * 1.2);
    expect(net.summary.streams[0]?.jitterMaxMs).toBeGreaterThan(20);
  });

  it('TCP-only buffering removes the bursts; what remains follows the checkpoint pauses', () => {
    const tcp = runToEnd(preset('tcp-only'));
    expect(tcp.summary.bursts.rtpPerReleaseMax).toBe(0);
    const st = tcp.summary.streams[0];
    expect(st?.jitterMaxMs).toBeLessThan(net.summary.streams[0]?.jitterMaxMs ?? 0);
    expect(st?.jitterMaxMs).toBeLessThan(2);
    expect(st?.latePct).toBe(0);
    // The residual delay peaks line up with checkpoint pauses: packets arriving during a pause wait for resume.
    expect(st?.delayMaxMs).toBeGreaterThan(tcp.summary.epochs.pauseMeanMs * 0.5);
    // Without pauses (replication off), the peaks disappear too.
    const off = runToEnd(setPath(preset('tcp-only'), 'vms.vm1.protection', 'standby'));
    expect(off.summary.streams[0]?.delayMaxMs).toBeLessThan(st?.delayMaxMs ?? 0);
  });

  it(`a primary crash gives a ≈ ${R5.failoverGapS} s RTP gap and the calls continue`, () => {
    const r = runToEnd(preset('primary-fails'));
    const fo = r.summary.failover;
    expect(fo).not.toBeNull();
    for (const gap of fo?.gapMsByStream ?? []) {
      expect(Math.abs(gap / 1000 - R5.failoverGapS)).toBeLessThanOrEqual(R5.failoverGapToleranceS);
    }
    expect(fo?.callsContinued).toBe(2);
    for (const st of r.summary.streams) expect(st.receivedAfterFailover).toBeGreaterThan(1000);
    // Registrations survive through RFC 3261 retransmissions (R6's failover case, Net mode).
    expect(r.summary.sip.successPct).toBe(100);
    expect(r.summary.sip.lostAfterAck).toBe(0);
  });

  it('under No-Net a failover can lose registrations the client already saw succeed', () => {
    const s = setPath(
      setPath(preset('primary-fails'), 'replication.policy', 'none'),
      'telephony.registerRate',
      500,
    );
    const r = runToEnd(s);
    expect(r.summary.sip.lostAfterAck).toBeGreaterThan(0);
    expect(r.summary.outputCommitViolations).toBeGreaterThan(0);
  });
});

describe('failure detection by the checkpoint stream', () => {
  it('a timeout shorter than the interval declares a healthy primary dead (false failover), and validation warns', async () => {
    const { validateScenario } = await import('../src/sim/scenario/validate');
    const s = setPath(preset('remus-bursts'), 'replication.intervalMs', 2000);
    expect(validateScenario(s).issues.map((i) => [i.path, i.action])).toEqual([
      ['failure.detectMs', 'warning'],
    ]);
    const r = runToEnd(s);
    expect(r.summary.detection.falseFailover).toBe(true);
    const ok = runToEnd(setPath(s, 'failure.detectMs', 3000));
    expect(ok.summary.detection.falseFailover).toBe(false);
    expect(ok.summary.detection.declaredDeadS).toBeNull();
  });
});

describe('Heartbeat lane', () => {
  it('marks each missed keepalive after the crash, then warn, then dead, in that order', async () => {
    const { HbEvent } = await import('../src/sim/engine/trace');
    const r = runToEnd(preset('heartbeat-failover'));
    const all = concatBatches(r.batches);
    const ev: { t: number; e: number }[] = [];
    for (let i = 0; i < all.count; i++)
      if (all.kind[i] === TraceKind.Hb && all.entity[i] === 1)
        ev.push({ t: all.t[i] as number, e: all.a[i] as number });
    const crash = 12e6;
    const misses = ev.filter((x) => x.e === HbEvent.BeatMissed);
    // keepalive 250 ms, dead 2 s: 7 misses before the verdict, none before the crash.
    expect(misses.length).toBe(7);
    expect(misses.every((m) => m.t > crash)).toBe(true);
    // Each miss sits where the beat was due: k keepalives after the last beat heard.
    const lastHeard = Math.max(
      ...ev.filter((x) => x.e === HbEvent.BeatReceived && x.t <= crash).map((x) => x.t),
    );
    expect(misses.map((m) => m.t - lastHeard)).toEqual([1, 2, 3, 4, 5, 6, 7].map((k) => k * 250e3));
    const warn = ev.find((x) => x.e === HbEvent.Warn)?.t ?? 0;
    const dead = ev.find((x) => x.e === HbEvent.DeclaredDead)?.t ?? 0;
    expect(warn).toBeGreaterThan(crash);
    expect(dead - warn).toBe(1_000_000);
    expect(r.summary.failover?.declaredDeadS).toBeCloseTo(12 + 2, 0);
  });
});
