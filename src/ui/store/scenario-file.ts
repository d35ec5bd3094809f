import {
  MAX_JSON_DEPTH,
  MAX_RESULTS_EXPORT_BYTES,
  MAX_SCENARIO_FILE_BYTES,
  isResultsExport,
  jsonDepth,
} from '../../sim/scenario/load';
import { SCENARIO_VERSION, type Scenario } from '../../sim/scenario/scenario';
import { validateScenario, type ScenarioIssue } from '../../sim/scenario/validate';

/** Largest results export read: the CLI's limit (src/sim/scenario/load.ts). */
export const MAX_RESULTS_FILE_BYTES = MAX_RESULTS_EXPORT_BYTES;

/** What opening a file gives: a scenario to load (with what validation changed), or why not. */
export type ScenarioFileRead =
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      readonly issues: readonly ScenarioIssue[];
      /** The file was a results export ("Export JSON"); its `scenario` field was read. */
      readonly fromResults: boolean;
    }
  | { readonly ok: false; readonly problem: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const what = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : `a ${typeof v}`;

const mib = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/** Counts the values (leaves) in a scenario object, to tell "some keys unknown" from "not a scenario". */
function leaves(o: Record<string, unknown>, top = true): number {
  let n = 0;
  for (const [k, v] of Object.entries(o)) {
    if (top && (k === 'version' || k === 'name')) continue;
    n += isObject(v) ? leaves(v, false) : 1;
  }
  return n;
}

/** Why the file's `version` cannot be read by this lab, or null. */
function versionProblem(raw: unknown): string | null {
  if (raw === undefined) return null;
  const v = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
  if (String(raw).trim() !== '' && Number.isInteger(v) && v >= 0 && v <= SCENARIO_VERSION)
    return null;
  const said = typeof raw === 'number' ? String(raw) : String(JSON.stringify(raw)).slice(0, 40);
  // A newer file may mean something else by a key this lab knows: it is not read at all.
  return Number.isInteger(v) && v > SCENARIO_VERSION
    ? `it is scenario version ${said}, written by a newer lab; this lab reads versions 0–${SCENARIO_VERSION}`
    : `its version ${said} is not a scenario version (this lab reads 0–${SCENARIO_VERSION})`;
}

/**
 * Reads a file the user opened: a bare scenario (as the CLI takes it, docs/scenario.md) or a
 * results export (its `scenario` field). Refuses, with a sentence for the page, what is not a
 * scenario at all: too large, too deep, not JSON, not an object, a version this lab cannot read,
 * or not one key that is a scenario field. Anything else is validated as a link is: out-of-range
 * values clamped, wrong types defaulted, unknown keys ignored, each one an issue to show.
 * `bytes` is the file's size (File.size); it defaults to the UTF-8 length of `text`.
 */
export function readScenarioFile(
  text: string,
  bytes: number = new TextEncoder().encode(text).length,
): ScenarioFileRead {
  const refuse = (problem: string): ScenarioFileRead => ({ ok: false, problem });
  if (bytes > MAX_RESULTS_FILE_BYTES)
    return refuse(
      `it is ${mib(bytes)}; a scenario file may have ${mib(MAX_SCENARIO_FILE_BYTES)} and a results export ${mib(MAX_RESULTS_FILE_BYTES)}`,
    );
  if (text.trim() === '') return refuse('the file is empty');
  // Before parsing: validation walks the object recursively (the same guard as the CLI's).
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH)
    return refuse(
      `its JSON is nested ${depth} levels deep (a scenario needs 3; limit ${MAX_JSON_DEPTH})`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return refuse(`it is not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(json))
    return refuse(`it holds ${what(json)}, not a scenario (a scenario is a JSON object)`);
  const fromResults = isResultsExport(json);
  const input: unknown = fromResults ? json.scenario : json;
  // Only an export's field can be something else: the file itself is an object here.
  if (!isObject(input))
    return refuse(`it looks like a results export, but its "scenario" is ${what(input)}`);
  if (!fromResults && bytes > MAX_SCENARIO_FILE_BYTES)
    return refuse(
      `it is ${mib(bytes)}; a scenario file may have ${mib(MAX_SCENARIO_FILE_BYTES)} (a results export ${mib(MAX_RESULTS_FILE_BYTES)})`,
    );
  const version = versionProblem(input['version']);
  if (version) return refuse(version);
  const r = validateScenario(input);
  const unknown = r.issues.filter((i) => i.action === 'ignored').length;
  const n = leaves(input);
  if (n > 0 && unknown >= n)
    return refuse(
      `${n === 1 ? 'its one key is not a' : `none of its ${n} keys is a`} scenario field (docs/scenario.md lists them)`,
    );
  return { ok: true, scenario: r.scenario, issues: r.issues, fromResults };
}
