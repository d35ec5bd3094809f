import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clusterBenchLine } from './cluster-bench';
import { scaleBenchLine } from './scale-bench';

/**
 * One model figure measured in a process of its own, as `npm run sim` runs one scenario. Run
 * after the rest of the bench in one process, the 800-stream figure came out 20–30 % slower
 * (4.35 s against 3.5–3.7 s alone, stop 21): V8's inline caches and optimised code had already
 * seen the other scenarios' hosts, workloads and handlers, and its heap their garbage. Forking per
 * benchmark is the usual cure (JMH forks a JVM per benchmark for the same reason).
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
