// npm run bench — prints the performance figures the issues ask for. Wall-clock numbers depend on
// the machine; run it on an otherwise idle machine.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runToEnd } from '../src/sim/run';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { encodeScenarioHash } from '../src/sim/scenario/url-codec';
import { setPath } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';
import { sliderLatency } from './browser-latency';
import { heavyRun } from './browser-runs';
import { initialJsGzip } from './bundle-size';
import { firstVisitJsGzip } from './first-visit-js';
import { browserSweep } from './browser-sweep';
import { bandRun } from './browser-bands';
import { bandsCost } from './bands-node';
import { fieldAt } from '../src/sim/scenario/scenario';
import { inFreshProcess } from './fresh-process';
import { holdModel } from './hold-model';
import { nodeSweepMs } from './sweep-bench';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] as number;

function presetWall(id: string, runs: number): { median: number; min: number; events: number } {
  const p = findPreset(id);
  if (!p) throw new Error(id);
  const s = presetScenario(p);
  runToEnd(s); // warm-up (JIT)
  const times: number[] = [];
  let events = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    events = runToEnd(s).summary.events;
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times), events };
}

async function main(): Promise<void> {
  const skipBrowser = process.argv.includes('--no-browser');
  console.log('VoIP HA Lab bench');
  // `npm run bench -- --runs`: only the heavy-run figures (issue 10), on their own port.
  if (process.argv.includes('--runs')) {
    const sweep = await nodeSweepMs(2);
    console.log(
      `sweep of ${sweep.runs} points × 30 simulated s ("Remus bursts", checkpoint interval 50 → 800 ms), npm run sweep's pool on 2 threads: ${(sweep.ms / 1000).toFixed(2)} s (target ≤ 3 s)`,
    );

    if (!existsSync('dist/index.html')) execSync('npx vite build', { stdio: 'ignore' });
    const bs = await browserSweep(
      encodeScenarioHash(
        setPath(
          presetScenario(findPreset('remus-bursts') ?? (undefined as never)),
          'durationS',
          30,
        ),
      ),
    );
    console.log(
      `sweep in Chromium, 16 points × 30 simulated s on the page's pool of ${bs.workers} workers: ${(bs.ms / 1000).toFixed(2)} s from Run to the last point (target ≤ 3 s)`,
    );

    await heavyRunFigures();
    return;
  }
  // `npm run bench -- --bands`: only the many-stream chart figure (issue 11, item 6).
  if (process.argv.includes('--bands')) {
    bandsCost(400, 10); // warm-up (JIT)
    for (const streams of [400, 800, 4000]) {
      const c = bandsCost(streams, 60);
      console.log(
        `percentile bands alone (Node), ${streams} streams × 60 s (${((streams * 3000) / 1e6).toFixed(1)} M samples), jitter + loss + delay at 1080 px: whole window ${c.buildMs.toFixed(0)} ms, worst frame of playback at ×4 ${c.frameMs.toFixed(1)} ms`,
      );
    }
    if (!existsSync('dist/index.html')) execSync('npx vite build', { stdio: 'ignore' });
    await bandFigures(true);
    return;
  }
  // `npm run bench -- --scale`: only issue 11's relay-scale figures.
  if (process.argv.includes('--scale')) {
    console.log(inFreshProcess(['scale', '800', '60', '1']));
    console.log(inFreshProcess(['scale', '4000', '60', '5']));
    return;
  }
  // `npm run bench -- --cluster`: only issue 8's cluster figure.
  if (process.argv.includes('--cluster')) {
    console.log(inFreshProcess(['cluster', '5']));
    return;
  }
  holdModel(1000, 2_000_000); // warm-up
  const rates = [1, 2, 3].map(() => holdModel(1000, 5_000_000));
  console.log(
    `engine hold model (1000 pending, 5 M events): ${(median(rates) / 1e6).toFixed(2)} M events/s (median of 3; target ≥ 8)`,
  );

  const pf = presetWall('primary-fails', 7);
  console.log(
    `"Primary fails mid-call", 60 simulated s: ${pf.median.toFixed(0)} ms median, ${pf.min.toFixed(0)} ms best (${pf.events.toLocaleString()} events; target ≤ 200 ms)`,
  );
  const media = presetWall('net-vs-nonet-media', 3);
  console.log(
    `"Net vs No-Net for media", 20 simulated s, 40 calls: ${media.median.toFixed(0)} ms median (${media.events.toLocaleString()} events)`,
  );
  // Each in a process of its own (fresh-process.ts), so what ran before cannot move them.
  console.log(inFreshProcess(['cluster', '5']));
  console.log(inFreshProcess(['scale', '800', '60', '1']));
  console.log(inFreshProcess(['scale', '4000', '60', '5']));

  const fiveVms = validateScenario({
    durationS: 600,
    replication: { enabled: false },
    telephony: { calls: 0 },
    vms: {
      vm1: { burnPct: 40 },
      vm2: { enabled: true },
      vm3: { enabled: true },
      vm4: { enabled: true },
      vm5: { enabled: true },
    },
    ping: { enabled: true, count: 6000, intervalMs: 100 },
  }).scenario;
  for (const sched of ['credit', 'vslicer'] as const) {
    // With 4 NLSVMs, T_NLSVM/n = 7.5 ms: T_m = 2.5 ms divides it.
    const s = validateScenario(
      setPath(
        setPath(setPath(fiveVms, 'host.scheduler', sched), 'vms.vm1.lsvm', sched === 'vslicer'),
        'host.microSliceMs',
        2.5,
      ),
    ).scenario;
    runToEnd(s);
    const times: number[] = [];
    let events = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      events = runToEnd(s).summary.events;
      times.push(performance.now() - t0);
    }
    console.log(
      `5 VMs on one core, ping + 40 % burners, 10 simulated minutes (${sched}): ${median(times).toFixed(0)} ms median (${events.toLocaleString()} events; target ≤ 1 s)`,
    );
  }

  const r4 = presetScenario(findPreset('r4-native-64') ?? (undefined as never));
  const r4Wall = presetWall('r4-native-64', 3);
  const r4Kpps = runToEnd(r4).summary.nic?.totalKpps ?? 0;
  console.log(
    `R4 scenario 2, 10 simulated s at ${r4Kpps.toFixed(0)} kpkt/s: ${r4Wall.median.toFixed(0)} ms median (${r4Wall.events.toLocaleString()} events; target ≤ 2 s)`,
  );

  const sweep = await nodeSweepMs(2);
  console.log(
    `sweep of ${sweep.runs} points × 30 simulated s ("Remus bursts", checkpoint interval 50 → 800 ms), npm run sweep's pool on 2 threads: ${(sweep.ms / 1000).toFixed(2)} s (target ≤ 3 s)`,
  );

  if (!existsSync('dist/index.html')) execSync('npx vite build', { stdio: 'ignore' });
  const js = initialJsGzip();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const list = (fs: { name: string; gzip: number }[]) =>
    fs.map((f) => `${f.name} ${kb(f.gzip)}`).join(', ');
  console.log(
    `initial JS gzipped (the page's own scripts and the worker, from dist): ${kb(js.total)} (${list(js.files)})`,
  );

  if (skipBrowser) return;
  const visit = await firstVisitJsGzip();
  console.log(
    `JS a first visit loads, gzipped (Chromium, default page, until its run is done): ${kb(visit.total)} (${list(visit.files)}; target ≤ 250 KB)`,
  );
  const hash = encodeScenarioHash(
    presetScenario(findPreset('remus-bursts') ?? (undefined as never)),
  );
  const lat = await sliderLatency(30, hash);
  console.log(
    `slider → charts updated in Chromium ("Remus bursts", 30 edits): first chunk drawn p95 ${p95(lat.first).toFixed(0)} ms (median ${median(lat.first).toFixed(0)}), whole run drawn p95 ${p95(lat.done).toFixed(0)} ms (median ${median(lat.done).toFixed(0)}); target ≤ 100 ms p95`,
  );
  const latB = await sliderLatency(30, hash, true);
  console.log(
    `the same with a baseline pinned (A/B: cards' deltas and dashed baseline series redrawn too): first chunk drawn p95 ${p95(latB.first).toFixed(0)} ms, whole run drawn p95 ${p95(latB.done).toFixed(0)} ms; target ≤ 100 ms p95`,
  );
  const hash60 = encodeScenarioHash(
    presetScenario(findPreset('primary-fails') ?? (undefined as never)),
  );
  const lat60 = await sliderLatency(15, hash60);
  console.log(
    `slider → charts updated in Chromium ("Primary fails", 60 s, 15 edits): first chunk p95 ${p95(lat60.first).toFixed(0)} ms, whole run p95 ${p95(lat60.done).toFixed(0)} ms`,
  );

  const bs = await browserSweep(
    encodeScenarioHash(
      setPath(presetScenario(findPreset('remus-bursts') ?? (undefined as never)), 'durationS', 30),
    ),
  );
  console.log(
    `sweep in Chromium, 16 points × 30 simulated s on the page's pool of ${bs.workers} workers: ${(bs.ms / 1000).toFixed(2)} s from Run to the last point (target ≤ 3 s)`,
  );

  await heavyRunFigures();
  await bandFigures();
}

/**
 * Issue 11, item 6: 400 calls (800 streams) and the largest run the calls field allows, 60
 * simulated s of "Net vs No-Net for media", drawn as percentile bands: edit → first chart, and
 * the longest main-thread task while it computes and plays.
 */
async function bandFigures(compareLines = false): Promise<void> {
  const calls = fieldAt('telephony.calls');
  const max = calls?.kind === 'int' ? calls.max : 200;
  // Issue 11's figure is for 800 streams (400 calls); the largest run allowed follows it.
  const runs: [number, boolean][] = [[Math.min(400, max), false]];
  if (compareLines) runs.push([Math.min(400, max), true]);
  if (max > 400) runs.push([max, false]);
  for (const [n, lines] of runs) {
    const s = setPath(
      setPath(
        presetScenario(findPreset('net-vs-nonet-media') ?? (undefined as never)),
        'telephony.calls',
        n,
      ),
      'durationS',
      60,
    );
    const f = await bandRun(encodeScenarioHash(s), lines);
    const longest = f.longTasks.length > 0 ? Math.max(...f.longTasks) : 0;
    console.log(
      `${n} calls (${n * 2} RTP streams) × 60 s of "Net vs No-Net for media" in Chromium, ${f.bands ? 'percentile bands' : 'lines for 3 calls (toggle off)'}: edit → first chart ${f.firstMs.toFixed(0)} ms (target ≤ 300 ms), → whole run drawn ${(f.doneMs / 1000).toFixed(1)} s; main-thread long tasks (≥ 50 ms, PerformanceObserver 'longtask') while it computes and plays at ×4: ${f.longTasks.length}, longest ${longest.toFixed(0)} ms wall; longest task in a Chrome trace ${f.longest.cpuMs.toFixed(0)} ms of CPU (${f.longest.wallMs.toFixed(0)} ms wall) (target: none over 50 ms)`,
    );
  }
}

/** Issue 10: a heavy run must never freeze the page, and Cancel must stop it at once. */
async function heavyRunFigures(): Promise<void> {
  const calls200 = (durationS: number) =>
    encodeScenarioHash(validateScenario({ durationS, telephony: { calls: 200 } }).scenario);
  const heavy = await heavyRun(calls200(60), calls200(600));
  const ms = (x: number) => x.toFixed(0);
  console.log(
    `200 calls × 60 s in Chromium: computed in ${(heavy.runMs / 1000).toFixed(1)} s; longest main-thread task while it computes and plays (×4) ${ms(heavy.computing.cpuMs)} ms of CPU (${ms(heavy.computing.wallMs)} ms wall), then replayed at ×30 ${ms(heavy.playing.cpuMs)} ms of CPU (${ms(heavy.playing.wallMs)} ms wall); target ≤ 100 ms`,
  );
  console.log(
    `page memory after that run: JS heap ${heavy.jsHeapMB.toFixed(0)} MB + typed arrays ${heavy.arrayBuffersMB.toFixed(0)} MB = ${(heavy.jsHeapMB + heavy.arrayBuffersMB).toFixed(0)} MB; target ≤ 300 MB`,
  );
  console.log(
    `cancel latency in Chromium (200 calls × 600 s, Cancel run → worker stopped, ${heavy.cancelMs.length} tries): median ${ms(median(heavy.cancelMs))} ms, worst ${ms(Math.max(...heavy.cancelMs))} ms; target ≤ 100 ms`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
