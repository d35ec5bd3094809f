import { fieldAt } from '../../sim/scenario/scenario';
import { VIEW_KEYS } from '../../sim/scenario/view-keys';

/**
 * What a URL hash holds, by key: scenario keys (the version `v` and the fields), view keys (how
 * the page shows it), and the rest. A link stands for a whole scenario (a key left out is its
 * default), so a link with any scenario key replaces the one on screen; a hand edit with none —
 * `#total-garbage`, or `#projector=1` typed onto the address — would have replaced it with the
 * default scenario while the notice said "everything else was kept".
 */
export function hashKeys(hash: string): { scenario: number; strangers: string[] } {
  let scenario = 0;
  const strangers: string[] = [];
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part === '') continue;
    const raw = part.split('=')[0] ?? '';
    let key: string;
    try {
      key = decodeURIComponent(raw);
    } catch {
      strangers.push(raw.slice(0, 40));
      continue;
    }
    if (key === 'v' || fieldAt(key) !== undefined) scenario++;
    else if (!VIEW_KEYS.has(key)) strangers.push(key.slice(0, 40) || '(empty)');
  }
  return { scenario, strangers };
}
