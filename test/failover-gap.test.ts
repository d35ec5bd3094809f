import { describe, expect, it } from 'vitest';
import { Narrator } from '../src/sim/results/narrator';
import { runToEnd } from '../src/sim/run';
import { setPath } from '../src/sim/scenario/scenario';
import { AnswerGaps } from '../src/sim/telephony/answer-gaps';
import { preset } from './support/presets';
import { storyOf } from './support/story';

/**
 * The failover gap is the longest silence of the services a failure hits: the relay's (any RTP
 * stream's) or the registrar's (between REGISTER answers). In R6's split deployment only the SIP
 * VM fails over: its media's 0.04 s gap read as the whole failover, 8.9 nines.
 */
describe('the failover gap counts the registrar as well as the media', () => {
  it('AnswerGaps: the longest silence between answers, the open one up to now included', () => {
    const g = new AnswerGaps();
    expect(g.longestUs(5_000)).toBe(0);
    g.mark(1_000);
    g.mark(1_020);
    g.mark(2_520);
    g.mark(2_540);
    expect(g.longestUs(2_600)).toBe(1_500);
    expect(g.longestUs(10_000)).toBe(7_460);
    expect(g.lastUs).toBe(2_540);
  });

  it('r6-split: the SIP VM fails over for about 1 s while media never stops', () => {
    const r = runToEnd(preset('r6-split'));
    const sum = r.summary;
    const rtpGapMs = Math.max(...(sum.failover?.gapMsByStream ?? [Infinity]));
    expect(rtpGapMs).toBeLessThan(100);
    // Checkpoint-stream detection (1 s) plus resume and ARP; the registrar's answers stop for it.
    expect(sum.sip.answerGapMaxMs).toBeGreaterThan(900);
    expect(sum.sip.answerGapMaxMs).toBeLessThan(1_300);
    expect(sum.availability.measuredOutageS).toBeCloseTo(sum.sip.answerGapMaxMs / 1000, 3);
    expect(sum.availability.neverRecovered).toBe(false);
    expect(sum.availability.withFailover?.nines).toBeLessThan(8);
    // The story does not credit the backup with media that never stopped.
    const n = new Narrator();
    for (const b of r.batches) n.add(b);
    const text = n
      .story()
      .map((l) => l.text)
      .join('\n');
    expect(text).toMatch(/takeover/);
    expect(text).not.toMatch(/First RTP from the backup/);
  });

  it('the story credits the backup only with the service that moved', () => {
    // h2 crashes: the media VM moves; the registrar on h1 stays, but under Net its answers wait
    // for the backup on h2 until Remus gives it up (≈ 1.1 s): answered again, by h1.
    const mediaMoves = storyOf(setPath(preset('r6-split'), 'failures.f1.target', 2));
    expect(mediaMoves).toMatch(/First RTP from the backup/);
    expect(mediaMoves).toMatch(/REGISTERs are answered again, 1\d\d\d ms after the crash/);
    expect(mediaMoves).not.toMatch(/REGISTER answered by the backup/);
    // h1 crashes: media never stops (its VM is on h2), so no line credits the backup with it.
    expect(storyOf(preset('r6-split'))).not.toMatch(/First RTP from the backup/);
    // A 150 ms LAN: the media's last packets land well after the crash; still a resumption.
    const slowLan = storyOf(setPath(preset('primary-fails'), 'network.lanDelayMs', 150));
    expect(slowLan).toMatch(/First RTP from the backup/);
    expect(slowLan).toMatch(/REGISTERs are answered again/);
  });

  it('a registrar that never answers again after its host crashes: never recovered', () => {
    // The SIP VM unprotected: nothing takes it over; the media VM on h2 runs on.
    const s = setPath(preset('r6-split'), 'vms.vm1.protection', 'none');
    const sum = runToEnd(s).summary;
    expect(sum.sip.succeeded).toBeGreaterThan(0);
    expect(sum.availability.neverRecovered).toBe(true);
    expect(sum.availability.withFailover).toBeNull();
  });

  it('primary-fails: media and registrar stop together; the gap is the longer', () => {
    const sum = runToEnd(preset('primary-fails')).summary;
    const rtpGapMs = Math.max(...(sum.failover?.gapMsByStream ?? [0]));
    const gapS = sum.availability.measuredOutageS ?? NaN;
    expect(gapS).toBeCloseTo(Math.max(rtpGapMs, sum.sip.answerGapMaxMs) / 1000, 3);
    expect(gapS).toBeGreaterThan(0.8);
    expect(gapS).toBeLessThan(1.3);
  });
});
