import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clusterBenchLine } from './cluster-bench';
import { scaleBenchLine } from './scale-bench';

/**
 * One model figure measured in a process of its own, as `npm run sim` runs one scenario, so that
 * what ran before it in the bench (other scenarios' hosts, workloads and handlers in V8's caches,
 * their garbage in its heap) cannot move it — the usual practice (JMH forks a JVM per benchmark).
 * Whether it mattered here was measured after the change: 800 streams × 60 s, five alternated runs
 * each, median 4.15 s alone against 4.23 s after the hold model and the cluster bench — within
 * this machine's ±15 % noise. (Stop 21 had guessed 20–30 % from 4.35 s in the bench against
 * 3.5–3.7 s alone on another day; that was the machine, not the order.)
 */
export function inFreshProcess(args: readonly string[]): string {
  // process.execArgv carries tsx's loader, so the child runs this file's TypeScript as we do (but
  // not a debugger's port, which the child could not take again).
  const flags = process.execArgv.filter((f) => !f.startsWith('--inspect'));
  return execFileSync(process.execPath, [...flags, fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

/** The figure's line: `scale <streams> <seconds> <target s>` or `cluster <runs>`. */
function figure(args: readonly string[]): string {
  const [what, ...n] = args;
  const num = n.map(Number);
  if (what === 'scale' && num.length === 3) {
    scaleBenchLine(200, 5, 1); // warm-up (JIT), on the same model
    return scaleBenchLine(num[0] as number, num[1] as number, num[2] as number);
  }
  if (what === 'cluster' && num.length === 1) return clusterBenchLine(num[0] as number);
  throw new Error(`fresh-process: unknown figure ${args.join(' ')}`);
}

// Run as a script (the child): print the figure.
if (process.argv[1]?.endsWith('fresh-process.ts')) console.log(figure(process.argv.slice(2)));
