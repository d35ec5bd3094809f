import { MAX_RESULTS_FILE_BYTES, readScenarioFile, type ScenarioFileRead } from './scenario-file';
import { useLab } from './store';

/** A file's name as the notices quote it (a name can be any length). */
const quoted = (name: string): string => `“${name.length > 60 ? `${name.slice(0, 57)}…` : name}”`;

/**
 * Opens a scenario file's text: through replaceScenario, as a link is (one undo step, the whole run
 * shown, every clamped or ignored value in the notices), or, when the file is refused, a notice
 * saying why while the scenario in use stays as it was.
 */
export function openScenarioText(name: string, text: string, bytes?: number): ScenarioFileRead {
  const r = readScenarioFile(text, bytes);
  const lab = useLab.getState();
  if (!r.ok) lab.refuseScenario(`${quoted(name)} was not opened`, r.problem);
  else lab.replaceScenario(r.scenario, r.issues, `${quoted(name)} could not be read in full`);
  return r;
}

/** Opens a file from the picker or a drop. */
export async function openScenarioFile(file: File): Promise<ScenarioFileRead> {
  // Refused by its size before it is read: a large file given by mistake never fills memory.
  if (file.size > MAX_RESULTS_FILE_BYTES) return openScenarioText(file.name, '', file.size);
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    const problem = `it could not be read (${(e as Error).message})`;
    useLab.getState().refuseScenario(`${quoted(file.name)} was not opened`, problem);
    return { ok: false, problem };
  }
  return openScenarioText(file.name, text, file.size);
}
