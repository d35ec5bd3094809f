import { describe, expect, it } from 'vitest';
import { G711 } from '../src/sim/telephony/rtp';
import { runToEnd } from '../src/sim/run';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { normalSilenceUs, serviceOutages } from '../src/ui/cluster-map/outages';
import { RunViews } from '../src/ui/views/run-views';
import { preset } from './support/presets';

/** Issue 8, item 7: per-service outage bars from the run's own records. */
function outagesOf(s: Scenario) {
  const run = runToEnd(s);
  const views = new RunViews();
  for (const b of run.batches) views.add(b, s.durationS * 1e6);
  const rows = serviceOutages(s, views.silences, s.durationS * 1e6, views.probeLosses);
  const row = (id: string) => rows.find((r) => r.id === id);
  return { run, views, rows, row };
}

describe('outage bars of a failover (primary-fails preset, pings every 50 ms)', () => {
  // 2 000 pings about 50 ms apart last the 60 s run (the default 100 end after ~5 s).
  const s = setPath(
    setPath(setPath(preset('primary-fails'), 'ping.enabled', true), 'ping.intervalMs', 50),
    'ping.count',
    2000,
  );
  const { run, row } = outagesOf(s);
  const fo = run.summary.failover;
  if (!fo) throw new Error('primary-fails must fail over');
  const crashUs = fo.crashS * 1e6;
  const takeoverUs = (fo.takeoverS ?? NaN) * 1e6;
  const arpUs = (fo.arpS ?? NaN) * 1e6;

  it('media: one outage spanning crash to ARP, as long as the shortest per-stream gap the summary reports', () => {
    const m = row('media')?.outages ?? [];
    expect(m).toHaveLength(1);
    const o = m[0] as { from: number; to: number; open: boolean };
    expect(o.from).toBeLessThanOrEqual(crashUs);
    expect(o.to).toBeGreaterThan(arpUs);
    expect(o.open).toBe(false);
    // Nobody got media while every stream was silent: no longer than the shortest stream's gap,
    // and each stream sends every 20 ms (G.711 ptime), so at most that much shorter.
    const shortestMs = Math.min(...fo.gapMsByStream);
    const ms = (o.to - o.from) / 1000;
    expect(ms).toBeLessThanOrEqual(shortestMs + 0.1);
    expect(ms).toBeGreaterThanOrEqual(shortestMs - G711.ptime / 1000);
  });

  it('SIP registrar and ping: one outage each, from before the crash until after the takeover', () => {
    for (const id of ['sip', 'ping']) {
      const o = row(id)?.outages ?? [];
      expect(o, id).toHaveLength(1);
      expect(o[0]?.from, id).toBeLessThanOrEqual(crashUs);
      expect(o[0]?.to, id).toBeGreaterThan(takeoverUs);
    }
  });

  it('a ping probe that has sent its count and had the last answered is finished, not out', () => {
    // The default 100 pings end long before the crash at 30 s: no outage, and no open one.
    const few = outagesOf(setPath(s, 'ping.count', 100));
    expect(few.views.silences.lastSeq.ping).toBe(99);
    expect(few.row('ping')?.outages).toEqual([]);
  });

  it('services the scenario does not run get no row', () => {
    expect(row('web')).toBeUndefined();
    expect(row('udp')).toBeUndefined();
  });

  it('web server: one outage from its first lost request or answer (at the crash) to one spacing after its last (before the ARP)', () => {
    const on = setPath(setPath(s, 'web.enabled', true), 'web.rate', 200);
    const r = outagesOf(on);
    const fo2 = r.run.summary.failover;
    const w = r.row('web')?.outages ?? [];
    expect(r.row('web')?.note).toBeNull();
    expect(w).toHaveLength(1);
    // The first loss is the answer or request the crash caught; the last a request that reached
    // h1 before the clients followed the ARP; then one mean spacing (5 ms at 200 /s).
    expect(w[0]?.from).toBeGreaterThanOrEqual((fo2?.crashS ?? NaN) * 1e6);
    expect(w[0]?.from).toBeLessThan((fo2?.crashS ?? NaN) * 1e6 + 20_000);
    expect(w[0]?.to).toBeLessThanOrEqual((fo2?.arpS ?? NaN) * 1e6 + 5_000 + 1_000);
    expect(w[0]?.to).toBeGreaterThan((fo2?.takeoverS ?? NaN) * 1e6);
    expect(w[0]?.open).toBe(false);
  });
});

describe('a ping probe that sends its last request during an outage (heartbeat-failover)', () => {
  // Heartbeat declares h1 dead 2 s after its crash at 12 s. Pings ~50 ms apart from 0.2 s: the
  // 256th leaves about 1 s after the crash, into the outage.
  const s = setPath(
    setPath(setPath(preset('heartbeat-failover'), 'ping.enabled', true), 'ping.intervalMs', 50),
    'ping.count',
    256,
  );
  const r = outagesOf(s);
  const fo = r.run.summary.failover;
  if (!fo) throw new Error('heartbeat-failover must fail over');

  it('the bar ends at that request, closed, not at the end of the run', () => {
    const done = r.views.silences.stopped.ping ?? NaN;
    const row = r.row('ping');
    // The case is the one meant: the last request left after the crash, a threshold after the
    // last answer, and before the takeover; and it was never answered (not "finished").
    expect(done).toBeGreaterThan(fo.crashS * 1e6);
    expect(done).toBeLessThan((fo.takeoverS ?? NaN) * 1e6);
    expect(done - (r.views.silences.last.ping ?? NaN)).toBeGreaterThan(row?.thresholdUs ?? NaN);
    expect(r.views.silences.lastSeq.ping ?? -1).toBeLessThan(255);
    // Nothing is known of the service after it: one outage, up to the last request.
    const o = row?.outages ?? [];
    expect(o).toHaveLength(1);
    expect(o[0]?.from).toBeLessThanOrEqual(fo.crashS * 1e6);
    expect(o[0]?.to).toBe(done);
    expect(o[0]?.open).toBe(false);
  });

  it('before the playhead reaches that request, the outage is still open (the views run ahead)', () => {
    const done = r.views.silences.stopped.ping ?? NaN;
    const at = done - 300_000;
    const row = serviceOutages(s, r.views.silences, at, r.views.probeLosses).find(
      (x) => x.id === 'ping',
    );
    expect(row?.outages).toHaveLength(1);
    expect(row?.outages[0]?.to).toBe(at);
    expect(row?.outages[0]?.open).toBe(true);
  });
});

describe('UDP probe outage bars (R7 live migration, 100 datagrams/s)', () => {
  const s = preset('r7-live-migration');
  const { run, row } = outagesOf(s);
  const m = run.summary.migration;

  it('one outage, as long as the outage the probe itself reports (longest gap less one period), to the period', () => {
    const u = row('udp')?.outages ?? [];
    expect(u).toHaveLength(1);
    const o = u[0] as { from: number; to: number; open: boolean };
    expect(o.open).toBe(false);
    // Within the migration's pause and the clients following the ARP.
    expect(o.from).toBeGreaterThanOrEqual((m?.pausedS ?? NaN) * 1e6);
    expect(o.from).toBeLessThan((m?.clientsFollowS ?? NaN) * 1e6);
    // n datagrams lost in a row cover n periods (10 ms each); the probe's figure is the same
    // count read from its arrivals, so they agree to the scheduling jitter of a read (< 1 ms).
    expect(Math.abs((o.to - o.from) / 1000 - (m?.probeOutageMs ?? NaN))).toBeLessThan(1);
  });
});

describe('outage bars without a failover, and without a recovery', () => {
  it('Remus bursts are not outages', () => {
    const { rows } = outagesOf(setPath(preset('remus-bursts'), 'durationS', 10));
    expect(rows.flatMap((r) => r.outages)).toEqual([]);
    // Under Net with 400 ms epochs the normal media silence is up to an epoch; twice that is the bar's threshold.
    const s = preset('remus-bursts');
    expect(normalSilenceUs(s, G711.ptime)).toBe(2 * (20_000 + s.replication.intervalMs * 1000));
  });

  it('a crash nobody takes over leaves the service out to the end (open)', () => {
    let s = setPath(preset('primary-fails'), 'vms.vm1.protection', 'none');
    s = setPath(setPath(s, 'durationS', 20), 'failures.f1.atS', 10);
    const { row, run } = outagesOf(s);
    expect(run.summary.failover?.takeoverS ?? null).toBeNull();
    const m = row('media')?.outages ?? [];
    expect(m).toHaveLength(1);
    expect(m[0]?.open).toBe(true);
    expect(m[0]?.to).toBe(20e6);
    expect(m[0]?.from).toBeLessThanOrEqual(10e6);
  });
});
