// Regenerates the golden files: test/golden/trace-hashes.json and, beside each hash, the run's
// summary as test/golden/<preset>.summary.json, so a change of hash shows in review (and in the
// failing determinism test) what moved. Run only when a model change is intended, and say so in
// the commit.
import { writeFileSync } from 'node:fs';
import { runToEnd } from '../src/sim/run';
import { PRESETS, presetScenario } from '../src/sim/scenario/presets';

const out: Record<string, string> = {};
for (const p of PRESETS) {
  const r = runToEnd(presetScenario(p));
  out[p.id] = r.traceHash;
  writeFileSync(
    new URL(`../test/golden/${p.id}.summary.json`, import.meta.url),
    `${JSON.stringify(r.summary, null, 2)}\n`,
  );
}
writeFileSync(
  new URL('../test/golden/trace-hashes.json', import.meta.url),
  `${JSON.stringify(out, null, 2)}\n`,
);
console.log(out);
