import { codecOf } from '../sim/telephony/codec';
import { CAPTURE_POINTS, type CapturePoint } from '../sim/export/capture';
import { toPcap } from '../sim/export/pcap';
import { traceTables } from '../sim/export/trace-csv';
import { flatten, toCsv } from '../sim/export/csv';
import { Narrator } from '../sim/results/narrator';
import { runToEnd } from '../sim/run';
import { applyOverrides } from '../sim/scenario/load';
import { PRESETS } from '../sim/scenario/presets';
import { encodeScenarioHash } from '../sim/scenario/url-codec';
import type { ScenarioIssue } from '../sim/scenario/validate';
import { formatSummary } from './format';
import { loadScenarioArg } from './scenario-arg';
import type { ScenarioFiles } from '../sim/scenario/load';

const USAGE = `usage: npm run sim -- <preset | scenario.json | results.json | lab URL> [--set path=value ...] [--seed N] [--json]
       [--pcap FILE [--capture client|server]] [--csv DIR] [--story]
presets: ${PRESETS.map((p) => p.id).join(', ')}
fields and keys: docs/scenario.md, output keys: docs/cli.md`;

interface Args {
  source: string | undefined;
  sets: string[];
  json: boolean;
  help: boolean;
  pcap: string | undefined;
  capture: CapturePoint;
  story: boolean;
  csv: string | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = {
    source: undefined,
    sets: [],
    json: false,
    help: false,
    pcap: undefined,
    capture: 'client',
    story: false,
    csv: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i] as string;
    if (x === '--json') a.json = true;
    else if (x === '--help' || x === '-h') a.help = true;
    else if (x === '--set') a.sets.push(argv[++i] ?? '');
    else if (x.startsWith('--set=')) a.sets.push(x.slice(6));
    else if (x === '--seed') a.sets.push(`seed=${argv[++i] ?? ''}`);
    else if (x.startsWith('--seed=')) a.sets.push(`seed=${x.slice(7)}`);
    else if (x === '--pcap') a.pcap = argv[++i];
    else if (x === '--story') a.story = true;
    else if (x === '--csv') a.csv = argv[++i];
    else if (x === '--capture') {
      const c = argv[++i] as CapturePoint;
      if (!CAPTURE_POINTS.includes(c))
        throw new Error(`--capture takes ${CAPTURE_POINTS.join(' or ')}, got ${String(c)}`);
      a.capture = c;
    } else if (x.startsWith('--')) throw new Error(`unknown option ${x}`);
    else if (a.source === undefined) a.source = x;
    else throw new Error(`unexpected argument ${x}`);
  }
  return a;
}

/**
 * The validator says what the lab does with a bad value ("used 1 s", "kept the default"), true in
 * the browser, which goes on with it; the CLI refuses the run, so the same words would say a run
 * used a value it never ran with. Said as what the lab would do instead.
 */
export function asRefused(message: string): string {
  return message
    .replace(/; used (.+)$/, '; the lab would use $1')
    .replace(/; kept the default\b(.*)$/, '; the lab would keep the default$1')
    .replace(/, ignored$/, '; the lab would ignore it');
}

/** Where the CLI writes (the process's streams, or a test's buffers). */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Writes a binary file (the --pcap capture); without it --pcap is refused. */
  writeFile?(path: string, data: Uint8Array): void;
  /** Writes text files into a directory it creates if needed (--csv). */
  writeTextFiles?(dir: string, files: readonly { name: string; text: string }[]): void;
}

/**
 * The whole command: reads the arguments, loads and validates the scenario, runs it and prints
 * the result. Returns the exit status (docs/cli.md: 0 on a run, 2 for bad arguments or a refused
 * scenario). main.ts binds it to the process; tests call it directly.
 */
export function runCli(argv: readonly string[], out: CliOutput, files: ScenarioFiles): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    out.stderr(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help || args.source === undefined) {
    out.stdout(`${USAGE}\n`);
    return args.help ? 0 : 2;
  }
  let loaded;
  try {
    loaded = loadScenarioArg(args.source, files);
  } catch (e) {
    out.stderr(`error: ${(e as Error).message}\n`);
    return 2;
  }
  if (loaded.fromResults)
    out.stderr(
      `note: ${args.source} is a results export; running its "scenario" (its summary is not used)\n`,
    );
  const over = applyOverrides(loaded.scenario, args.sets);
  const issues = [...loaded.issues, ...over.issues];
  const line = (i: ScenarioIssue) => `  ${i.path || '(scenario)'}: ${i.message}`;
  // docs/cli.md: a refused value stops the CLI; a warning (kept, but probably a mistake) is printed
  // and the run goes on, so the user sees its consequence.
  const refused = issues.filter((i) => i.action !== 'warning');
  const warnings = issues.filter((i) => i.action === 'warning');
  if (refused.length > 0) {
    out.stderr(
      `error: the scenario was refused and nothing was run. Fix these values (after ";": what the lab in a browser would do instead):\n${refused.map((i) => line({ ...i, message: asRefused(i.message) })).join('\n')}\n` +
        (warnings.length > 0 ? `and it has warnings:\n${warnings.map(line).join('\n')}\n` : ''),
    );
    return 2;
  }
  if (warnings.length > 0) out.stderr(`warning:\n${warnings.map(line).join('\n')}\n`);
  const t0 = performance.now();
  const r = runToEnd(over.scenario, args.pcap ? { capture: args.capture } : {});
  const wall = performance.now() - t0;
  if (args.pcap && r.world.capture) {
    if (!out.writeFile) throw new Error('this caller cannot write files (--pcap)');
    out.writeFile(args.pcap, toPcap(r.world.capture, codecOf(over.scenario.telephony.codec)));
    out.stderr(
      `pcap: ${r.world.capture.count} RTP and SIP packets at the ${args.capture} side written to ${args.pcap}\n`,
    );
  }
  if (args.json) {
    const doc = {
      cliVersion: 1,
      scenario: over.scenario,
      url: encodeScenarioHash(over.scenario),
      warnings: warnings.map(({ path, message }) => ({ path, message })),
      traceHash: r.traceHash,
      wallMs: Math.round(wall),
      summary: r.summary,
    };
    out.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    out.stdout(`${formatSummary(r.summary, r.traceHash, wall)}\n`);
  }
  if (args.csv) {
    if (!out.writeTextFiles) throw new Error('this caller cannot write files (--csv)');
    const tables = [
      { name: 'summary.csv', rows: [['key', 'value'], ...flatten(r.summary)] },
      ...traceTables(r.batches),
    ];
    out.writeTextFiles(
      args.csv,
      tables.map((t) => ({ name: t.name, text: toCsv(t.rows[0] as string[], t.rows.slice(1)) })),
    );
    out.stderr(`csv: ${tables.map((t) => t.name).join(', ')} written to ${args.csv}\n`);
  }
  if (args.story) {
    const n = new Narrator();
    for (const b of r.batches) n.add(b);
    const lines = n.story().map((l) => `${l.tone === 'problem' ? '!' : ' '} ${l.text}`);
    out.stderr(`\nWhat happened:\n${lines.join('\n')}\n`);
  }
  return 0;
}
