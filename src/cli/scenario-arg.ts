import {
  MAX_JSON_DEPTH,
  MAX_SCENARIO_FILE_BYTES,
  jsonDepth,
  loadScenario,
  type ScenarioFiles,
} from '../sim/scenario/load';
import { findPreset } from '../sim/scenario/presets';
import { validateScenario } from '../sim/scenario/validate';
import { FileTooLargeError } from './scenario-files';

/**
 * Largest results export read (docs/cli.md). The lab's "Export JSON" and this CLI's --json write
 * the scenario with the run's summary, one entry per RTP stream: 2000 calls make about 2 MB, over
 * the 1 MiB a bare scenario may have. The lab's "Open…" button has the same limit.
 */
export const MAX_RESULTS_EXPORT_BYTES = 8 * 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The scenario inside a results export, or undefined when `text` is not one. An export has both
 * `scenario` and `summary`. The lab's src/ui/store/scenario-file.ts has the same rule written
 * again: the UI may not import the CLI; src/sim/scenario/load.ts would be the place to share it.
 * Text that is too deep or not JSON is not an export: loadScenario refuses it with its own message.
 */
export function resultsExportScenario(text: string): { scenario: unknown } | undefined {
  if (jsonDepth(text) > MAX_JSON_DEPTH) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isObject(json) && 'scenario' in json && 'summary' in json
    ? { scenario: json['scenario'] }
    : undefined;
}

/**
 * loadScenario (a preset, a scenario file or a lab URL), plus the results export: a file with
 * both `scenario` and `summary` is run from its `scenario` (its results and URL are not used).
 * The file is read once (a pipe, such as `<(cat run.json)`, cannot be read twice); a file that is
 * not an export goes to loadScenario as that text, with the 1 MiB scenario limit applied there.
 */
export function loadScenarioArg(
  arg: string,
  files: ScenarioFiles,
): ReturnType<typeof loadScenario> & { fromResults: boolean } {
  if (findPreset(arg) || !files.exists(arg))
    return { ...loadScenario(arg, files), fromResults: false };
  let text: string | undefined;
  let failure: unknown;
  try {
    text = files.read(arg, MAX_RESULTS_EXPORT_BYTES);
  } catch (e) {
    failure =
      e instanceof FileTooLargeError
        ? new Error(
            `larger than ${MAX_RESULTS_EXPORT_BYTES} bytes, the limit for a results export (a scenario file may have ${MAX_SCENARIO_FILE_BYTES}; docs/cli.md); not read`,
          )
        : e;
  }
  const exported = text === undefined ? undefined : resultsExportScenario(text);
  if (exported) {
    const r = validateScenario(exported.scenario);
    return {
      scenario: r.scenario,
      issues: [...r.issues],
      source: { kind: 'json' },
      fromResults: true,
    };
  }
  const once: ScenarioFiles = {
    exists: () => true,
    read: (_path, limit) => {
      if (text === undefined) throw failure;
      if (Buffer.byteLength(text, 'utf8') > limit)
        throw new Error(
          `larger than ${limit} bytes, the limit for a scenario file (docs/cli.md); not read`,
        );
      return text;
    },
  };
  return { ...loadScenario(arg, once), fromResults: false };
}
