// Regenerates test/golden/trace-hashes.json. Run only when a model change is intended, and say so in the commit.
import { writeFileSync } from 'node:fs';
import { runToEnd } from '../src/sim/run';
import { PRESETS, presetScenario } from '../src/sim/scenario/presets';

const out: Record<string, string> = {};
for (const p of PRESETS) out[p.id] = runToEnd(presetScenario(p)).traceHash;
writeFileSync(
  new URL('../test/golden/trace-hashes.json', import.meta.url),
  `${JSON.stringify(out, null, 2)}\n`,
);
console.log(out);
