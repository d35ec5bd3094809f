import type { ScenarioIssue, ValidationResult } from './validate';
import { validateScenario } from './validate';
import { FIELDS, SCENARIO_VERSION, fieldAt, getPath, setPath, type Scenario } from './scenario';
import { readFieldText } from './field-text';
import { VIEW_KEYS } from './view-keys';

/** Longest hash we read; anything longer is refused whole (a hostile or broken link). */
export const MAX_HASH_LENGTH = 8192;

/**
 * Scenario → URL hash: `#v=1&key=value…`, readable keys (the field paths), only the values that
 * differ from the defaults of this version. Migrations re-create an old version's defaults, so a
 * link keeps its meaning when a later version changes a default (docs/url.md).
 */
export function encodeScenarioHash(s: Scenario): string {
  const parts = [`v=${SCENARIO_VERSION}`];
  for (const f of FIELDS) {
    const v = getPath(s, f.path);
    if (v === f.default) continue;
    parts.push(`${f.path}=${encodeURIComponent(String(v))}`);
  }
  return '#' + parts.join('&');
}

/** Field paths are dotted identifiers; anything else in a link is not a key. */
const SAFE_KEY = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*){0,3}$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * URL hash → scenario. Never throws and never returns a half-built scenario: every key that could
 * not be read is reported, the rest is validated like any other input.
 */
export function decodeScenarioHash(hash: string): ValidationResult {
  const issues: ScenarioIssue[] = [];
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.length > MAX_HASH_LENGTH) {
    const r = validateScenario({});
    return {
      scenario: r.scenario,
      issues: [
        {
          path: '',
          message: `link is ${body.length} characters long (limit ${MAX_HASH_LENGTH}); opened the default scenario`,
          action: 'defaulted',
        },
      ],
    };
  }
  let obj: Record<string, unknown> = {};
  const texts = new Map<string, string[]>();
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key: string;
    let text: string;
    try {
      key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      text = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      issues.push({
        path: part.slice(0, 40),
        message: 'could not decode this part of the link; ignored',
        action: 'ignored',
      });
      continue;
    }
    if (!SAFE_KEY.test(key) || key.split('.').some((seg) => FORBIDDEN.has(seg))) {
      issues.push({
        path: key.slice(0, 60),
        message: 'not a scenario key; ignored',
        action: 'ignored',
      });
      continue;
    }
    // How the page shows the scenario (embed, projector, …) is not part of it: view-keys.ts.
    if (VIEW_KEYS.has(key)) continue;
    const seen = texts.get(key);
    if (seen) seen.push(text);
    else texts.set(key, [text]);
    if (key === 'v') {
      // Not a number stays text, so the notice shows what the link said (not "null").
      const n = text.trim() === '' ? NaN : Number(text);
      obj['version'] = Number.isNaN(n) ? text : n;
      continue;
    }
    // Keys of older versions pass through to the migration; what is still unknown after it is reported there.
    const read = readFieldText(fieldAt(key), text);
    if ('problem' in read) {
      issues.push({
        path: key,
        message: `${read.problem}; kept the default`,
        action: 'defaulted',
      });
      obj = setPath(obj, key, undefined);
      continue;
    }
    obj = setPath(obj, key, read.value);
  }
  // A key given twice is ambiguous: the last one wins (a value appended to a copied link is the
  // newer edit), and the notice lists every value so the dropped ones are visible.
  for (const [key, all] of texts) {
    if (all.length < 2) continue;
    issues.push({
      path: key === 'v' ? 'version' : key,
      message: `given ${all.length} times in the link (${all.map((t) => JSON.stringify(t.slice(0, 20))).join(', ')}); used the last`,
      action: 'warning',
    });
  }
  const r = validateScenario(obj);
  return { scenario: r.scenario, issues: [...issues, ...r.issues] };
}
