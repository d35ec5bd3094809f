import {
  MAX_JSON_DEPTH,
  MAX_RESULTS_EXPORT_BYTES,
  MAX_SCENARIO_FILE_BYTES,
  isResultsExport,
  jsonDepth,
  loadScenario,
  type ScenarioFiles,
} from '../sim/scenario/load';
import { findPreset } from '../sim/scenario/presets';
import { validateScenario } from '../sim/scenario/validate';
import { FileTooLargeError } from './scenario-files';

export { MAX_RESULTS_EXPORT_BYTES };

/**
 * The scenario inside a results export (isResultsExport, shared with the lab's Open…), or
 * undefined when `text` is not one. Text that is too deep or not JSON is not an export:
 * loadScenario refuses it with its own message.
 */
export function resultsExportScenario(text: string): { scenario: unknown } | undefined {
  if (jsonDepth(text) > MAX_JSON_DEPTH) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isResultsExport(json) ? { scenario: json.scenario } : undefined;
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
