import { fieldAt, setPath, type Scenario } from './scenario';
import { findPreset, PRESETS, presetScenario } from './presets';
import { decodeScenarioHash } from './url-codec';
import { validateScenario, type ScenarioIssue } from './validate';

/**
 * Applies `path=value` overrides (the CLI's --set) to a scenario. Values are typed by the field
 * table; an unknown path or an unreadable value is an issue, never a silent change.
 */
export function applyOverrides(
  s: Scenario,
  sets: readonly string[],
): { scenario: Scenario; issues: ScenarioIssue[] } {
  const issues: ScenarioIssue[] = [];
  let out: Record<string, unknown> = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  for (const kv of sets) {
    const eq = kv.indexOf('=');
    const path = eq < 0 ? kv : kv.slice(0, eq);
    const text = eq < 0 ? '' : kv.slice(eq + 1);
    const f = fieldAt(path);
    if (!f) {
      issues.push({ path, message: `unknown field (see docs/scenario.md)`, action: 'ignored' });
      continue;
    }
    let v: unknown = text;
    if (f.kind === 'bool') v = text === 'true' ? true : text === 'false' ? false : text;
    else if (f.kind !== 'enum')
      v = text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text);
    out = setPath(out, path, v);
  }
  const r = validateScenario(out);
  return { scenario: r.scenario, issues: [...issues, ...r.issues] };
}

/** Where a scenario came from, for messages. */
export type ScenarioSource = { kind: 'preset'; id: string } | { kind: 'json' } | { kind: 'url' };

/**
 * Reads a scenario from a preset id, the text of a JSON file or a lab URL (anything with a `#`).
 * Returns the validated scenario and every issue found.
 */
export function loadScenario(
  arg: string,
  readFile: (path: string) => string,
): { scenario: Scenario; issues: ScenarioIssue[]; source: ScenarioSource } {
  const preset = findPreset(arg);
  if (preset)
    return { scenario: presetScenario(preset), issues: [], source: { kind: 'preset', id: arg } };
  if (arg.includes('#') || arg.startsWith('http')) {
    const hash = arg.slice(arg.indexOf('#'));
    const r = decodeScenarioHash(hash);
    return { scenario: r.scenario, issues: [...r.issues], source: { kind: 'url' } };
  }
  let text: string;
  try {
    text = readFile(arg);
  } catch {
    throw new Error(
      `"${arg}" is neither a preset (${PRESETS.map((p) => p.id).join(', ')}), a lab URL, nor a readable file`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${arg}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const r = validateScenario(json);
  return { scenario: r.scenario, issues: [...r.issues], source: { kind: 'json' } };
}
