import { describe, expect, it } from 'vitest';
import { Narrator } from '../src/sim/results/narrator';
import { runToEnd } from '../src/sim/run';
import { setPath } from '../src/sim/scenario/scenario';
import { preset } from './support/presets';

/** Issue 9, item 4: "what happened" in words, each line at the time the mechanism did it. */
describe('what happened', () => {
  const r = runToEnd(preset('primary-fails'));
  const n = new Narrator();
  for (const b of r.batches) n.add(b);
  const story = n.story();
  const find = (re: RegExp) => story.find((l) => re.test(l.text));
  const fo = r.summary.failover;

  it('tells the failover in order, at the times the summary reports', () => {
    const crash = find(/primary host crashes/);
    const dead = find(/declares the primary dead/);
    const takeover = find(/takeover/);
    const arp = find(/Gratuitous ARP/);
    const media = find(/First RTP from the backup/);
    expect(crash?.tUs).toBe((fo?.crashS ?? 0) * 1e6);
    expect(dead?.tUs).toBeCloseTo((fo?.declaredDeadS ?? 0) * 1e6, -2);
    expect(takeover?.tUs).toBeCloseTo((fo?.takeoverS ?? 0) * 1e6, -2);
    expect(arp?.tUs).toBeCloseTo((fo?.arpS ?? 0) * 1e6, -2);
    const delayMs = Math.round(((fo?.declaredDeadS ?? 0) - (fo?.crashS ?? 0)) * 1000);
    expect(dead?.text).toContain(`${delayMs} ms after the crash`);
    expect(media?.tUs).toBeGreaterThanOrEqual(arp?.tUs ?? Infinity);
    const times = story.map((l) => l.tUs);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(crash?.tone).toBe('problem');
  });

  it('a crash inside a 100 ms bin: its first losses read at or after it, not at the bin start', () => {
    const mid = runToEnd(setPath(preset('primary-fails'), 'failures.f1.atS', 30.06));
    const m = new Narrator();
    for (const b of mid.batches) m.add(b);
    const lines = m.story();
    const crashAt = lines.find((l) => /primary host crashes/.test(l.text))?.tUs ?? NaN;
    expect(crashAt).toBe(30_060_000);
    const losses = lines.filter((l) =>
      /RTP packets (start being lost|sent from \d+ s on are dropped)/.test(l.text),
    );
    // Uncommitted output and host-down.
    expect(losses.length).toBeGreaterThanOrEqual(2);
    // Losses before the crash would come from a cause the story has not told.
    for (const l of losses) expect(l.tUs).toBeGreaterThanOrEqual(crashAt);
    const ts = lines.map((l) => l.tUs);
    expect(ts).toEqual([...ts].sort((x, y) => x - y));
  });

  it('packets dropped after they went silent (a paused VM, held output) say when they were sent', () => {
    const mig = runToEnd(preset('r7-live-migration'));
    const n = new Narrator();
    for (const b of mig.batches) n.add(b);
    const lines = n.story();
    const pause = lines.find((l) => /downtime begins/.test(l.text));
    const lost = lines.find((l) => /RTP packets sent from \d+ s on are dropped/.test(l.text));
    // Dropped when vm1 left h1, after the pause; sent in the second the pause began.
    expect(lost?.tUs).toBeGreaterThan(pause?.tUs ?? Infinity);
    expect(lost?.text).toContain(`sent from ${Math.floor((pause?.tUs ?? NaN) / 1e6)} s on`);
  });

  it('a run without a failure tells no failover', () => {
    const quiet = runToEnd(preset('remus-bursts'));
    const q = new Narrator();
    for (const b of quiet.batches) q.add(b);
    const text = q
      .story()
      .map((l) => l.text)
      .join('\n');
    expect(text).toMatch(/First checkpoint acknowledged/);
    expect(text).not.toMatch(/crash|dead|ARP/);
  });

  it('a false failover (no crash) tells the takeover without a crash time', () => {
    // A checkpoint-stream timeout shorter than the epoch declares a healthy primary dead.
    const s = preset('remus-bursts');
    const r = runToEnd({
      ...s,
      failure: { ...s.failure, detectMs: 300 },
      replication: { ...s.replication, intervalMs: 2000 },
    });
    expect(r.summary.detection.falseFailover).toBe(true);
    const q = new Narrator();
    for (const b of r.batches) q.add(b);
    const text = q
      .story()
      .map((l) => l.text)
      .join('\n');
    expect(text).toMatch(/declares the primary dead although it is running/);
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe('what happened in a failback', () => {
  it('tells the manager’s stop on the interim host and the start at home, at the failback’s time', () => {
    const r = runToEnd(preset('remus-failback'));
    const n = new Narrator();
    for (const b of r.batches) n.add(b);
    const story = n.story();
    const fb = r.summary.cluster?.failbacks?.[0];
    expect(fb).toBeDefined();
    const stop = story.find((l) => /stops vm1 on h3 to move it back to its home host/.test(l.text));
    const start = story.find((l) => /The VM starts on h1/.test(l.text));
    expect(stop?.tUs).toBeCloseTo((fb?.atS ?? 0) * 1e6, -3);
    expect(start?.tUs).toBeGreaterThan(stop?.tUs ?? Infinity);
  });
});

describe('what happened in a live migration', () => {
  it('tells each step at its time: request, pre-copy, pause, the target’s vif plug, resume, clients following', () => {
    const r = runToEnd(preset('r7-live-migration'));
    const n = new Narrator();
    for (const b of r.batches) n.add(b);
    const story = n.story();
    const m = r.summary.migration;
    const when = (re: RegExp) => story.find((l) => re.test(l.text))?.tUs;
    expect(when(/live migration requested/)).toBe((m?.requestedS ?? NaN) * 1e6);
    expect(when(/Pre-copy starts towards h2/)).toBeCloseTo((m?.streamStartS ?? NaN) * 1e6, -3);
    expect(when(/stops on h1 for the stop-and-copy/)).toBeCloseTo((m?.pausedS ?? NaN) * 1e6, -3);
    expect(story.find((l) => /plugged vm1's virtual NIC \(300\.0 ms/.test(l.text))).toBeDefined();
    const resume = story.find((l) => /vm1 runs on h2 after/.test(l.text));
    expect(resume?.text).toContain(`after ${m?.downtimeMs?.toFixed(1)} ms of downtime`);
    expect(when(/Clients follow vm1's gratuitous ARP/)).toBeCloseTo(
      (m?.clientsFollowS ?? NaN) * 1e6,
      -3,
    );
  });
});
