import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { aggregate, mergeRows } from '../sim/sweep/aggregate';
import { metricOf } from '../sim/sweep/metrics';
import { planSweep, shardOf, type SweepPlan } from '../sim/sweep/plan';
import type { SweepRow } from '../sim/sweep/row';
import { MAX_ROWS_BYTES, readTextFile } from './read-text';
import { runPool } from './sweep-pool';

const USAGE = `usage: npm run sweep -- SPEC.json [--jobs N] [--shard I/N] [--out FILE] [--table METRIC]
       npm run sweep -- --merge ROWS.jsonl ... [--spec SPEC.json] [--table METRIC]
Runs a parameter sweep (docs/sweep.md) on worker threads and writes one JSON line per run.`;

interface Args {
  spec?: string;
  jobs: number;
  shard: [number, number];
  out?: string;
  table?: string;
  merge: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { jobs: availableParallelism(), shard: [0, 1], merge: [] };
  let merging = false;
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i] as string;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${x} needs a value`);
      return v;
    };
    if (x === '--jobs') {
      a.jobs = Number(next());
      if (!Number.isInteger(a.jobs) || a.jobs < 1 || a.jobs > 256)
        throw new Error('--jobs takes a whole number from 1 to 256');
    } else if (x === '--shard') {
      const m = /^(\d+)\/(\d+)$/.exec(next());
      const i0 = Number(m?.[1]);
      const n = Number(m?.[2]);
      if (!m || n < 1 || i0 >= n) throw new Error('--shard takes I/N with 0 ≤ I < N, e.g. 0/4');
      a.shard = [i0, n];
    } else if (x === '--out') a.out = next();
    else if (x === '--table') a.table = next();
    else if (x === '--spec') a.spec = next();
    else if (x === '--merge') merging = true;
    else if (x.startsWith('--')) throw new Error(`unknown option ${x}`);
    else if (merging) a.merge.push(x);
    else if (a.spec === undefined) a.spec = x;
    else throw new Error(`unexpected argument ${x}`);
  }
  if (a.table && !metricOf(a.table))
    throw new Error(`--table: unknown metric ${a.table} (docs/sweep.md)`);
  return a;
}

function loadPlan(path: string): SweepPlan {
  let json: unknown;
  try {
    json = JSON.parse(readTextFile(path));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`, { cause: e });
  }
  const { plan, problems } = planSweep(json);
  if (!plan) throw new Error(`${path}: the sweep was refused:\n  ${problems.join('\n  ')}`);
  return plan;
}

function printTable(rows: readonly SweepRow[], metric: string, plan?: SweepPlan): void {
  const m = metricOf(metric);
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(3));
  process.stderr.write(
    `${m?.label ?? metric}${m?.unit ? ` (${m.unit})` : ''}: mean [min, max] over seeds${plan ? ` (${plan.spec.seeds} per point)` : ''}\n`,
  );
  for (const p of aggregate(rows, metric))
    process.stderr.write(
      `  ${Object.entries(p.params)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ')}  ${f(p.mean)} [${f(p.min)}, ${f(p.max)}]  n=${p.n}\n`,
    );
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    if (args.merge.length) {
      const plan = args.spec ? loadPlan(args.spec) : undefined;
      const all: SweepRow[] = [];
      for (const f of args.merge)
        for (const line of readTextFile(f, MAX_ROWS_BYTES).split('\n'))
          if (line.trim()) all.push(JSON.parse(line) as SweepRow);
      const { rows, problems } = mergeRows(all, plan?.runs.length);
      for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
      if (args.table) printTable(rows, args.table, plan);
      for (const p of problems) process.stderr.write(`merge: ${p}\n`);
      return problems.length ? 1 : 0;
    }
    if (!args.spec) {
      process.stdout.write(`${USAGE}\n`);
      return 2;
    }
    const plan = loadPlan(args.spec);
    const specJson = JSON.parse(readTextFile(args.spec)) as unknown;
    const mine = shardOf(plan.runs, args.shard[0], args.shard[1]).map((r) => r.index);
    const out = args.out ? createWriteStream(args.out) : process.stdout;
    const rows: SweepRow[] = [];
    const t0 = performance.now();
    await runPool(specJson, mine, args.jobs, (row) => {
      rows.push(row);
      out.write(`${JSON.stringify(row)}\n`);
      if (process.stderr.isTTY) process.stderr.write(`\rsweep: ${rows.length}/${mine.length} runs`);
    });
    if (args.out)
      await new Promise<void>((r) => (out as ReturnType<typeof createWriteStream>).end(r));
    process.stderr.write(
      `\rsweep: ${rows.length} runs (shard ${args.shard[0]}/${args.shard[1]} of ${plan.runs.length}) on ${Math.min(args.jobs, mine.length)} threads in ${Math.round(performance.now() - t0)} ms\n`,
    );
    if (args.table) printTable(rows, args.table, plan);
    return 0;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
