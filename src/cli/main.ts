import { runToEnd } from '../sim/run';
import { applyOverrides, loadScenario } from '../sim/scenario/load';
import { PRESETS } from '../sim/scenario/presets';
import { encodeScenarioHash } from '../sim/scenario/url-codec';
import type { ScenarioIssue } from '../sim/scenario/validate';
import { formatSummary } from './format';
import { nodeScenarioFiles } from './scenario-files';

const USAGE = `usage: npm run sim -- <preset | scenario.json | lab URL> [--set path=value ...] [--seed N] [--json]
presets: ${PRESETS.map((p) => p.id).join(', ')}
fields and keys: docs/scenario.md, output keys: docs/cli.md`;

interface Args {
  source: string | undefined;
  sets: string[];
  json: boolean;
  help: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { source: undefined, sets: [], json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i] as string;
    if (x === '--json') a.json = true;
    else if (x === '--help' || x === '-h') a.help = true;
    else if (x === '--set') a.sets.push(argv[++i] ?? '');
    else if (x.startsWith('--set=')) a.sets.push(x.slice(6));
    else if (x === '--seed') a.sets.push(`seed=${argv[++i] ?? ''}`);
    else if (x.startsWith('--seed=')) a.sets.push(`seed=${x.slice(7)}`);
    else if (x.startsWith('--')) throw new Error(`unknown option ${x}`);
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
    loaded = loadScenario(args.source, nodeScenarioFiles);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const over = applyOverrides(loaded.scenario, args.sets);
  const issues = [...loaded.issues, ...over.issues];
  const line = (i: ScenarioIssue) => `  ${i.path || '(scenario)'}: ${i.message}`;
  // docs/cli.md: a refused value stops the CLI; a warning (kept, but probably a mistake) is printed
  // and the run goes on, so the user sees its consequence.
  const refused = issues.filter((i) => i.action !== 'warning');
  const warnings = issues.filter((i) => i.action === 'warning');
  if (refused.length > 0) {
    process.stderr.write(
      `error: the scenario was refused:\n${refused.map(line).join('\n')}\n` +
        (warnings.length > 0 ? `and it has warnings:\n${warnings.map(line).join('\n')}\n` : ''),
    );
    return 2;
  }
  if (warnings.length > 0) process.stderr.write(`warning:\n${warnings.map(line).join('\n')}\n`);
  const t0 = performance.now();
  const r = runToEnd(over.scenario);
  const wall = performance.now() - t0;
  if (args.json) {
    const out = {
      cliVersion: 1,
      scenario: over.scenario,
      url: encodeScenarioHash(over.scenario),
      warnings: warnings.map(({ path, message }) => ({ path, message })),
      traceHash: r.traceHash,
      wallMs: Math.round(wall),
      summary: r.summary,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatSummary(r.summary, r.traceHash, wall)}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
