import { readFileSync, writeFileSync } from 'node:fs';
import { CAPTURE_POINTS, type CapturePoint } from '../sim/export/capture';
import { toPcap } from '../sim/export/pcap';
import { Narrator } from '../sim/results/narrator';
import { runToEnd } from '../sim/run';
import { applyOverrides, loadScenario } from '../sim/scenario/load';
import { PRESETS } from '../sim/scenario/presets';
import { encodeScenarioHash } from '../sim/scenario/url-codec';
import { formatSummary } from './format';

const USAGE = `usage: npm run sim -- <preset | scenario.json | lab URL> [--set path=value ...] [--seed N] [--json]
       [--pcap FILE [--capture client|server]] [--story]
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

function main(argv: readonly string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help || args.source === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return args.help ? 0 : 2;
  }
  let loaded;
  try {
    loaded = loadScenario(args.source, (p) => readFileSync(p, 'utf8'));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const over = applyOverrides(loaded.scenario, args.sets);
  const issues = [...loaded.issues, ...over.issues];
  if (issues.length > 0) {
    process.stderr.write(
      `error: the scenario was refused:\n${issues.map((i) => `  ${i.path || '(scenario)'}: ${i.message}`).join('\n')}\n`,
    );
    return 2;
  }
  const t0 = performance.now();
  const r = runToEnd(over.scenario, args.pcap ? { capture: args.capture } : {});
  const wall = performance.now() - t0;
  if (args.pcap && r.world.capture) {
    writeFileSync(args.pcap, toPcap(r.world.capture));
    process.stderr.write(
      `pcap: ${r.world.capture.count} RTP and SIP packets at the ${args.capture} side written to ${args.pcap}\n`,
    );
  }
  if (args.json) {
    const out = {
      cliVersion: 1,
      scenario: over.scenario,
      url: encodeScenarioHash(over.scenario),
      traceHash: r.traceHash,
      wallMs: Math.round(wall),
      summary: r.summary,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatSummary(r.summary, r.traceHash, wall)}\n`);
  }
  if (args.story) {
    const n = new Narrator();
    for (const b of r.batches) n.add(b);
    const lines = n.story().map((l) => `${l.tone === 'problem' ? '!' : ' '} ${l.text}`);
    process.stderr.write(`\nWhat happened:\n${lines.join('\n')}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
