import { Narrator } from '../../src/sim/results/narrator';
import { runToEnd } from '../../src/sim/run';
import type { Scenario } from '../../src/sim/scenario/scenario';

/** A scenario's run told as "What happened", one line a row (each with its time). */
export function storyOf(s: Scenario): string {
  const n = new Narrator();
  for (const b of runToEnd(s).batches) n.add(b);
  return n
    .story()
    .map((l) => l.text)
    .join('\n');
}
