import { describe, expect, it } from 'vitest';
import { TraceKind, type TraceBatch } from '../src/sim/engine/trace';
import { runToEnd } from '../src/sim/run';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { preset, valid } from './support/presets';

const withAll = (s: Scenario, set: Record<string, number | boolean | string>): Scenario =>
  valid(Object.entries(set).reduce<Scenario>((a, [p, v]) => setPath(a, p, v), s));

interface Rec {
  readonly t: number;
  readonly entity: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** Every record of `kind` in the run's batches. */
function records(batches: readonly TraceBatch[], kind: number): Rec[] {
  const out: Rec[] = [];
  for (const x of batches)
    for (let i = 0; i < x.count; i++)
      if (x.kind[i] === kind)
        out.push({
          t: x.t[i] as number,
          entity: x.entity[i] as number,
          a: x.a[i] as number,
          b: x.b[i] as number,
          c: x.c[i] as number,
        });
  return out;
}

describe('one driver domain: VoIP netback, bulk polls and checkpoints share dom0’s vCPU', () => {
  // Two calls relayed by vm1, no replication, no crash; vm2 on the same host either idle or
  // sending 64-byte UDP frames at 1 Gb/s (R4's small-frame sender) through the same netback.
  const base = withAll(preset('primary-fails'), {
    durationS: 6,
    'telephony.calls': 2,
    'vms.vm1.protection': 'standby',
    'failures.f1.kind': 'none',
    'vms.vm2.enabled': true,
    'vms.vm2.burnPct': 0,
  });
  const bulk = withAll(base, { 'vms.vm2.txMbps': 1000, 'vms.vm2.txFrameBytes': 64 });

  it('a bulk sender in another VM delays the VoIP packets: they wait behind its netback polls', () => {
    const quiet = runToEnd(base).summary;
    const busy = runToEnd(bulk).summary;
    expect(busy.nic?.totalKpps).toBeGreaterThan(50);
    const mean = (r: typeof quiet) =>
      r.streams.reduce((a, x) => a + x.delayMeanMs, 0) / r.streams.length;
    const max = (r: typeof quiet) => Math.max(...r.streams.map((x) => x.delayMaxMs));
    // Each RTP packet crosses netback twice (in and out); a poll of 64 frames at 5 µs over two
    // netback cores holds dom0 for 160 µs, and dom0 is about half busy with them, so a packet
    // waits for the rest of a poll now and then: tens of µs on average, up to a poll or two.
    const poll = 0.16;
    expect(mean(busy)).toBeGreaterThan(mean(quiet) + 0.025);
    expect(max(busy)).toBeGreaterThan(max(quiet) + poll / 2);
    expect(max(busy)).toBeLessThan(max(quiet) + 2 * 2 * poll);
    // dom0's vCPU in the scheduler does the bulk work (the summary's bulk share is of it).
    const dom0 = (r: typeof quiet) =>
      r.cpu.find((c) => c.host === 'primary' && c.vm === 'dom0')?.sharePct ?? NaN;
    expect(dom0(busy)).toBeGreaterThan(dom0(quiet) + (busy.nic?.dom0CpuPct ?? 0) * 0.9);
  });

  it('a checkpoint’s dom0 work shows up as dom0 slices right after each epoch’s resume', () => {
    const s = withAll(preset('primary-fails'), {
      durationS: 4,
      'telephony.calls': 0,
      'telephony.registerRate': 0,
      'failures.f1.kind': 'none',
    });
    const { batches, summary } = runToEnd(s);
    const epochs = records(batches, TraceKind.Epoch);
    // dom0 slices on the primary's core 0 (entity = host 0 · 256 + core 0; a = end, b = VM 0).
    const dom0 = records(batches, TraceKind.Slice).filter((r) => r.entity === 0 && r.b === 0);
    expect(epochs.length).toBeGreaterThan(5);
    const perCheckpoint = s.replication.dom0CheckpointUs;
    // Epoch: t = suspend, a = resume, b = transfer done, c = ack.
    for (const { a: resume } of epochs) {
      // dom0 time within 2 × the per-checkpoint cost after the resume.
      const until = resume + 2 * perCheckpoint;
      const busy = dom0
        .filter((r) => r.a > resume && r.t < until)
        .reduce((sum, r) => sum + Math.min(r.a, until) - Math.max(r.t, resume), 0);
      expect(busy).toBeGreaterThanOrEqual(perCheckpoint);
    }
    // With nothing else to do, dom0's share is the checkpoints' work: E · (c + pages · c_page).
    const pages = summary.epochs.dirtyPagesMean;
    const perS = epochs.length / s.durationS;
    const expected = (100 * perS * (perCheckpoint + pages * s.replication.dom0PageCostUs)) / 1e6;
    const dom0Pct = summary.cpu.find((c) => c.host === 'primary' && c.vm === 'dom0')?.sharePct;
    expect(Math.abs((dom0Pct ?? NaN) - expected)).toBeLessThan(0.15 * expected);
  });

  it('bulk traffic that saturates dom0 delays the checkpoint transfer (the tool gets every other 2 ms turn)', () => {
    // dom0's page work made longer than the transfer on the wire, so dom0 sets when the
    // checkpoint is complete; one netback core at 20 µs a frame saturates dom0 (R4's starved case).
    const rep = withAll(base, {
      'vms.vm1.protection': 'remus',
      'replication.dom0PageCostUs': 40,
      'telephony.calls': 0,
      'host.dom0PacketCostUs': 20,
      'nic.driverDomainCores': 1,
    });
    const loaded = withAll(rep, { 'vms.vm2.txMbps': 1000, 'vms.vm2.txFrameBytes': 64 });
    const lag = (s: Scenario) => {
      const { batches, summary } = runToEnd(s);
      const e = records(batches, TraceKind.Epoch).slice(2);
      // Transfer done − resume (Epoch: a = resume, b = transfer done), ms.
      const ms = e.reduce((sum, r) => sum + r.b - r.a, 0) / e.length / 1000;
      return { ms, pages: summary.epochs.dirtyPagesMean };
    };
    const idle = lag(rep);
    const busy = lag(loaded);
    // Unloaded, the pages take pages × 40 µs of dom0; saturated, the tool runs half the time.
    expect(idle.ms).toBeGreaterThanOrEqual((idle.pages * 40) / 1000);
    expect(busy.ms).toBeGreaterThan(1.6 * idle.ms);
    expect(busy.ms).toBeLessThan(2.4 * idle.ms);
  });
});
