// Regenerates docs/scenario.md from the field table.
import { writeFileSync } from 'node:fs';
import { scenarioDoc } from '../src/sim/scenario/doc';

writeFileSync(new URL('../docs/scenario.md', import.meta.url), scenarioDoc());
console.log('wrote docs/scenario.md');
