import { describe, expect, it } from 'vitest';
import { HbEvent, TraceKind } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { setPath } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';
import { preset } from './support/presets';
import { storyOf } from './support/story';

const run = (id: string) => {
  const p = findPreset(id);
  if (!p) throw new Error(id);
  const v = validateScenario(presetScenario(p));
  expect(v.issues.filter((i) => i.action !== 'warning')).toEqual([]);
  return runToEnd(v.scenario).summary;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('deployment presets tell their stories (issue 8, item 8)', () => {
  it('R6 advice: SIP under Net and media under No-Net on separate hosts beats everything under Net, through a crash', () => {
    const all = run('r6-all-net');
    const split = run('r6-split');
    // R6: "Net mode is far worse for media than No-Net"; signalling needs Net to lose nothing.
    expect(mean(split.streams.map((s) => s.mos))).toBeGreaterThan(
      mean(all.streams.map((s) => s.mos)) + 0.5,
    );
    expect(mean(split.streams.map((s) => s.delayMeanMs))).toBeLessThan(
      mean(all.streams.map((s) => s.delayMeanMs)) / 2,
    );
    for (const s of [all, split]) {
      // Every registration answered (but those still in flight at the end), none lost after its 200 OK.
      expect(s.sip.failed).toBe(0);
      expect(s.sip.succeeded + s.sip.pending).toBe(s.sip.started);
      expect(s.sip.lostAfterAck).toBe(0);
    }
    // The media VM lost its backup with h1 and says so.
    expect(split.services.find((u) => u.vm === 'vm2')?.unprotectedFromS).not.toBeNull();
  });

  it('backup crash: the service stays on h1, unprotected, and the warning says when', () => {
    const s = run('backup-crash');
    expect(s.services[0]?.activeHost).toBe(1);
    expect(s.services[0]?.unprotectedFromS).toBeGreaterThan(10);
    expect(s.warnings.some((w) => w.includes('ran unprotected'))).toBe(true);
  });

  it('partition: two active copies without fencing, none with it', () => {
    expect(run('partition-no-fencing').services[0]?.twoActiveCopiesS).toBeGreaterThan(10);
    const fenced = run('partition-fencing');
    expect(fenced.services[0]?.twoActiveCopiesS).toBe(0);
    expect(fenced.services[0]?.activeHost).toBe(2);
    // "… the switch itself takes about 40 ms": fence → first RTP from the backup.
    const story = storyOf(preset('partition-fencing'));
    const at = (re: RegExp) => Number(re.exec(story)?.[1]);
    const switchMs =
      (at(/^([\d.]+) s — First RTP from the backup/m) - at(/^([\d.]+) s — The fence device/m)) *
      1000;
    expect(switchMs).toBeGreaterThan(30);
    expect(switchMs).toBeLessThan(50);
    // The preset's text: the clients' outage is the same 1.1 s Remus stall either way.
    for (const id of ['partition-no-fencing', 'partition-fencing']) {
      const gap = run(id).availability?.measuredOutageS ?? NaN;
      expect(gap, id).toBeGreaterThan(1.0);
      expect(gap, id).toBeLessThan(1.2);
    }
  });

  it('partition: the backup hears no beat after the partition — a fenced peer is off, an isolated one unheard', () => {
    for (const id of ['partition-fencing', 'partition-no-fencing']) {
      const { batches, summary } = runToEnd(preset(id));
      const heard: number[] = [];
      for (const b of batches)
        for (let i = 0; i < b.count; i++)
          if (b.kind[i] === TraceKind.Hb && b.a[i] === HbEvent.BeatReceived)
            heard.push(b.t[i] ?? 0);
      const takeover = (summary.failover?.takeoverS ?? NaN) * 1e6;
      // Beats were heard before the partition (10 s), none from then to the end of the run.
      expect(heard.length, id).toBeGreaterThan(30);
      expect(Math.max(...heard), id).toBeLessThan(10e6);
      expect(takeover, id).toBeGreaterThan(10e6);
    }
  });

  it('three-node cluster: SIP moves to the spare, media on h2 is untouched, state in h1’s memory is lost', () => {
    const s = run('three-node-cluster');
    expect(s.services.map((u) => [u.vm, u.activeHost, u.takeovers])).toEqual([
      ['vm1', 3, 1],
      ['vm2', 2, 0],
    ]);
    for (const st of s.streams) expect(st.maxGapMs).toBeLessThan(100);
    expect(s.sip.lostAfterAck).toBeGreaterThan(0);
  });

  it('primary fails: declared dead 1 s after the last checkpoint, 0.78 s after the crash; RTP out ≈ 1 s', () => {
    const s = run('primary-fails');
    const fo = s.failover;
    if (!fo) throw new Error('primary-fails must fail over');
    expect(((fo.declaredDeadS ?? NaN) - fo.crashS) * 1000).toBeCloseTo(780, -1);
    expect(s.availability?.measuredOutageS).toBeGreaterThan(0.9);
    expect(s.availability?.measuredOutageS).toBeLessThan(1.1);
    // "The low MOS … are Net's output bursts, not the crash: without it they are worse."
    const p = findPreset('primary-fails');
    if (!p) throw new Error('primary-fails');
    const calm = runToEnd(
      validateScenario(setPath(presetScenario(p), 'failures.f1.kind', 'none')).scenario,
    ).summary;
    expect(mean(calm.streams.map((x) => x.mos))).toBeLessThan(mean(s.streams.map((x) => x.mos)));
  });

  it('heartbeat failover: declared dead the dead time after the last beat heard; the RTP gap about that plus resume and ARP', () => {
    const s = run('heartbeat-failover');
    const fo = s.failover;
    if (!fo) throw new Error('heartbeat-failover must fail over');
    const deadAfterCrashMs = ((fo.declaredDeadS ?? NaN) - fo.crashS) * 1000;
    // The preset's text: 2 s after the last beat, which came up to 250 ms before the crash.
    expect(deadAfterCrashMs).toBeGreaterThanOrEqual(2000 - 250);
    expect(deadAfterCrashMs).toBeLessThanOrEqual(2000);
    // "About that plus resume (20 ms) and ARP (20 ms)", and the media had stopped at the last
    // output release before the crash: up to one checkpoint interval (200 ms) earlier.
    const gapMs = Math.max(...fo.gapMsByStream);
    expect(gapMs - (deadAfterCrashMs + 40)).toBeGreaterThanOrEqual(0);
    expect(gapMs - (deadAfterCrashMs + 40)).toBeLessThanOrEqual(200);
  });

  it('failback: home at h1’s comm up (boot at 15 s + initdead 12 s), protected again about 8.6 s after each resync starts', () => {
    const s = run('remus-failback');
    expect(s.services[0]?.activeHost).toBe(1);
    const story = storyOf(preset('remus-failback'));
    expect(story).toMatch(/^27\.0\d\d s — The VM starts on h1/m);
    // Both resyncs copy the whole memory at 1 Gb/s: repaired at 15 s → protected ~23.6 s; home at 27 s → ~35.6 s.
    const protectedAt = [...story.matchAll(/^([\d.]+) s — vm1 is protected again/gm)].map((m) =>
      Number(m[1]),
    );
    expect(protectedAt).toHaveLength(2);
    expect((protectedAt[0] ?? NaN) - 15).toBeCloseTo(8.6, 0);
    expect((protectedAt[1] ?? NaN) - 27).toBeCloseTo(8.6, 0);
  });

  it('Pacemaker partition: one copy, started cold — REGISTERs answered again at once, the calls in progress silent', () => {
    const s = run('pacemaker-partition');
    expect(s.services[0]?.twoActiveCopiesS).toBe(0);
    expect(s.services[0]?.activeHost).toBe(2);
    // The preset's text: "REGISTERs are answered again within 0.1 s".
    expect(s.sip.answerGapMaxMs).toBeLessThan(100);
    // "… while the two calls in progress stay silent".
    expect(s.failover?.callsContinued).toBe(0);
    for (const st of s.streams) expect(st.maxGapMs).toBeGreaterThan(10_000);
  });
});
