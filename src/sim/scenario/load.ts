import { currentKeys, isLegacyKey } from './legacy-keys';
import { fieldAt, setPath, type Scenario } from './scenario';
import { findPreset, PRESETS, presetScenario } from './presets';
import { readFieldText } from './field-text';
import { decodeScenarioHash } from './url-codec';
import { validateScenario, type ScenarioIssue } from './validate';

/**
 * Largest scenario file read (docs/cli.md). A full scenario is about 10 KB; the limit leaves room
 * for comments-as-fields and pretty printing while refusing /dev/zero or a log file given by mistake.
 */
export const MAX_SCENARIO_FILE_BYTES = 1024 * 1024;
/** Deepest JSON nesting read (docs/cli.md). A scenario nests 3 deep (vms.vm2.txMbps). */
export const MAX_JSON_DEPTH = 16;
/**
 * Largest results export read, by the CLI and the lab's "Open…" (docs/cli.md). "Export JSON" and
 * the CLI's --json write the scenario with the run's summary, one entry per RTP stream: 2000 calls
 * make about 2 MB, over the 1 MiB a bare scenario may have.
 */
export const MAX_RESULTS_EXPORT_BYTES = 8 * 1024 * 1024;

/**
 * A results export ("Export JSON", and the CLI's --json) holds the scenario beside its summary.
 * Both keys are required, so a scenario with a stray `scenario` key is not mistaken for one.
 */
export const isResultsExport = (v: unknown): v is { scenario: unknown; summary: unknown } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && 'scenario' in v && 'summary' in v;

/**
 * Applies `path=value` overrides (the CLI's --set) to a scenario. Values are read as in a lab link
 * (same booleans, same numbers); an unknown path or an unreadable value is an issue, never a silent
 * change.
 */
export function applyOverrides(
  s: Scenario,
  sets: readonly string[],
): { scenario: Scenario; issues: ScenarioIssue[] } {
  const issues: ScenarioIssue[] = [];
  let out: Record<string, unknown> = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  for (const kv of sets) {
    const eq = kv.indexOf('=');
    if (eq < 0) {
      issues.push({ path: kv, message: 'expected path=value', action: 'ignored' });
      continue;
    }
    const path = kv.slice(0, eq);
    const f = fieldAt(path);
    if (!f && isLegacyKey(path)) {
      // A version-2 key (ADR 16): written as the version-3 field(s) it became.
      const read = readFieldText(undefined, kv.slice(eq + 1));
      if ('problem' in read) {
        issues.push({ path, message: read.problem, action: 'ignored' });
        continue;
      }
      for (const [p, v] of currentKeys(path, read.value)) out = setPath(out, p, v);
      continue;
    }
    if (!f) {
      issues.push({ path, message: `unknown field (see docs/scenario.md)`, action: 'ignored' });
      continue;
    }
    const read = readFieldText(f, kv.slice(eq + 1));
    if ('problem' in read) {
      issues.push({ path, message: read.problem, action: 'ignored' });
      continue;
    }
    out = setPath(out, path, read.value);
  }
  const r = validateScenario(out);
  return { scenario: r.scenario, issues: [...issues, ...r.issues] };
}

/** Where a scenario came from, for messages. */
export type ScenarioSource = { kind: 'preset'; id: string } | { kind: 'json' } | { kind: 'url' };

/** The file system as the loader sees it (the CLI passes node:fs, tests pass a fake). */
export interface ScenarioFiles {
  /** Whether something exists at `path` (a file, a device, a pipe: anything but nothing). */
  exists(path: string): boolean;
  /** The text at `path`; throws if it cannot be read or holds more than `limitBytes` bytes. */
  read(path: string, limitBytes: number): string;
}

/**
 * Reads a scenario from a preset id, a scenario file, or a lab URL. An existing path is a file
 * even if its name contains `#` or starts with `http`; otherwise anything with a `#` is a link.
 * Returns the validated scenario and every issue found; throws (with a message for the user) when
 * there is no scenario to validate.
 */
export function loadScenario(
  arg: string,
  files: ScenarioFiles,
): { scenario: Scenario; issues: ScenarioIssue[]; source: ScenarioSource } {
  const preset = findPreset(arg);
  if (preset)
    return { scenario: presetScenario(preset), issues: [], source: { kind: 'preset', id: arg } };
  if (!files.exists(arg)) {
    if (arg.includes('#')) {
      const r = decodeScenarioHash(arg.slice(arg.indexOf('#')));
      return { scenario: r.scenario, issues: [...r.issues], source: { kind: 'url' } };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg))
      throw new Error(
        `"${arg}" is a URL without a "#…" part: a lab link keeps the scenario after "#" (copy the whole address from the lab, and quote it in the shell)`,
      );
    throw new Error(
      `"${arg}" is neither a preset (${PRESETS.map((p) => p.id).join(', ')}), a lab URL, nor an existing file`,
    );
  }
  let text: string;
  try {
    text = files.read(arg, MAX_SCENARIO_FILE_BYTES);
  } catch (e) {
    throw new Error(`${arg}: ${(e as Error).message}`, { cause: e });
  }
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH)
    throw new Error(
      `${arg}: JSON nested ${depth} levels deep (a scenario needs 3; limit ${MAX_JSON_DEPTH}); not read`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${arg}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const r = validateScenario(json);
  return { scenario: r.scenario, issues: [...r.issues], source: { kind: 'json' } };
}

/**
 * Deepest nesting of objects and arrays in JSON text, found by counting brackets outside strings
 * before parsing: validation walks the parsed object recursively, and a file of a million `[`
 * must be refused before it can exhaust the stack.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}
