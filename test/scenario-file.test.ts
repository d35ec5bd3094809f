import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_FILE_BYTES } from '../src/sim/scenario/load';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { SCENARIO_VERSION, defaultScenario } from '../src/sim/scenario/scenario';
import { startEditHistory, undo } from '../src/ui/store/edit-history';
import { openScenarioText } from '../src/ui/store/open-scenario';
import {
  MAX_RESULTS_FILE_BYTES,
  readScenarioFile,
  type ScenarioFileRead,
} from '../src/ui/store/scenario-file';
import { useLab } from '../src/ui/store/store';

const preset = (id: string) => {
  const p = findPreset(id);
  if (!p) throw new Error(`no preset ${id}`);
  return presetScenario(p);
};

/** What the lab's "Export JSON" writes (ShareBar.tsx), with a summary cut short. */
const resultsExport = (scenario: unknown) =>
  JSON.stringify(
    {
      scenario,
      url: '#v=4&durationS=20',
      traceHash: '9d594359',
      summary: { summaryVersion: 2, streams: [{ stream: 0, lossPct: 0 }] },
    },
    null,
    2,
  );

const accepted = (r: ScenarioFileRead) => {
  if (!r.ok) throw new Error(`refused: ${r.problem}`);
  return r;
};
const refused = (r: ScenarioFileRead): string => {
  if (r.ok) throw new Error('accepted a file that should be refused');
  return r.problem;
};

describe('readScenarioFile: the two kinds of file', () => {
  it('reads a bare scenario file, as the CLI takes it', () => {
    const r = accepted(
      readScenarioFile(JSON.stringify({ version: 4, durationS: 20, telephony: { calls: 3 } })),
    );
    expect(r.fromResults).toBe(false);
    expect(r.issues).toEqual([]);
    expect(r.scenario.durationS).toBe(20);
    expect(r.scenario.telephony.calls).toBe(3);
  });

  it('reads the scenario of a results export, ignoring its url, trace hash and summary', () => {
    const s = { ...preset('remus-bursts'), seed: 42 };
    const r = accepted(readScenarioFile(resultsExport(s)));
    expect(r.fromResults).toBe(true);
    expect(r.issues).toEqual([]);
    expect(r.scenario).toEqual(s);
  });

  it('reads the CLI --json document the same way (it has scenario and summary too)', () => {
    const s = preset('primary-fails');
    const doc = { cliVersion: 1, scenario: s, url: '#', warnings: [], summary: {} };
    expect(accepted(readScenarioFile(JSON.stringify(doc))).scenario).toEqual(s);
  });

  it('an older scenario version is migrated, as in a link', () => {
    const r = accepted(
      readScenarioFile(JSON.stringify({ version: 2, replication: { enabled: false } })),
    );
    expect(r.scenario.vms.vm1?.protection).toBe('standby');
  });

  it('an empty object is the default scenario', () => {
    expect(accepted(readScenarioFile('{}')).scenario).toEqual(defaultScenario());
  });
});

describe('readScenarioFile: bad files are refused with a sentence that says why', () => {
  it('not JSON, and an empty file', () => {
    expect(refused(readScenarioFile('{"durationS": 20,'))).toMatch(/^it is not valid JSON \(/);
    expect(refused(readScenarioFile('  \n'))).toBe('the file is empty');
  });

  it('JSON that is not an object', () => {
    expect(refused(readScenarioFile('[1, 2]'))).toBe(
      'it holds a list, not a scenario (a scenario is a JSON object)',
    );
    expect(refused(readScenarioFile('42'))).toMatch(/^it holds a number, not a scenario/);
    expect(refused(readScenarioFile('"primary-fails"'))).toMatch(/^it holds a string/);
    expect(refused(readScenarioFile('null'))).toMatch(/^it holds null/);
  });

  it('a results export whose scenario is not an object', () => {
    expect(refused(readScenarioFile(resultsExport(null)))).toBe(
      'it looks like a results export, but its "scenario" is null',
    );
    expect(refused(readScenarioFile(resultsExport([])))).toMatch(/"scenario" is a list$/);
  });

  it('a version this lab cannot read: newer, not a number, not a whole number', () => {
    const v = (version: unknown) => refused(readScenarioFile(JSON.stringify({ version })));
    expect(v(SCENARIO_VERSION + 5)).toBe(
      `it is scenario version ${SCENARIO_VERSION + 5}, written by a newer lab; this lab reads versions 0–${SCENARIO_VERSION}`,
    );
    expect(v('abc')).toBe(
      `its version "abc" is not a scenario version (this lab reads 0–${SCENARIO_VERSION})`,
    );
    expect(v(1.5)).toMatch(/^its version 1.5 is not a scenario version/);
    expect(v(true)).toMatch(/^its version true is not a scenario version/);
    expect(v('')).toMatch(/^its version "" is not a scenario version/);
    // Also inside a results export.
    expect(refused(readScenarioFile(resultsExport({ ...defaultScenario(), version: 99 })))).toMatch(
      /version 99, written by a newer lab/,
    );
  });

  it('a file in which no key is a scenario field (another JSON file picked by mistake)', () => {
    expect(refused(readScenarioFile('{"name": "x", "dependencies": {"zod": "4"}}'))).toBe(
      'its one key is not a scenario field (docs/scenario.md lists them)',
    );
    expect(refused(readScenarioFile('{"axes": [1], "base": {"preset": "a"}}'))).toBe(
      'none of its 2 keys is a scenario field (docs/scenario.md lists them)',
    );
  });

  it('too deep, or too large for its kind', () => {
    expect(refused(readScenarioFile(`{"host": ${'['.repeat(500)}${']'.repeat(500)}}`))).toMatch(
      /^its JSON is nested 501 levels deep/,
    );
    const small = JSON.stringify({ durationS: 5 });
    expect(refused(readScenarioFile(small, MAX_RESULTS_FILE_BYTES + 1))).toMatch(
      /^it is 8 MiB; a scenario file may have 1 MiB and a results export 8 MiB$/,
    );
    expect(refused(readScenarioFile(small, MAX_SCENARIO_FILE_BYTES + 1))).toMatch(
      /a scenario file may have 1 MiB/,
    );
    // A results export of a big run is larger than a scenario may be, and is read.
    const big = resultsExport(preset('primary-fails'));
    expect(accepted(readScenarioFile(big, 3 * MAX_SCENARIO_FILE_BYTES)).fromResults).toBe(true);
  });
});

describe('readScenarioFile: values are validated as a link is, each change reported', () => {
  it('an out-of-range value is clamped and reported; the rest of the file is kept', () => {
    const r = accepted(readScenarioFile(JSON.stringify({ durationS: 0.1, seed: 7 })));
    expect(r.scenario.durationS).toBe(1);
    expect(r.scenario.seed).toBe(7);
    expect(r.issues).toContainEqual({
      path: 'durationS',
      message: '0.1 s is outside 1–3600 s; used 1 s',
      action: 'clamped',
    });
  });

  it('clamps inside a results export too', () => {
    const r = accepted(
      readScenarioFile(resultsExport({ ...preset('primary-fails'), telephony: { calls: 9999 } })),
    );
    expect(r.scenario.telephony.calls).toBe(2000);
    expect(r.issues.map((i) => [i.path, i.action])).toContainEqual(['telephony.calls', 'clamped']);
  });

  it('a wrong type keeps the default; an unknown key beside known ones is ignored, both reported', () => {
    const r = accepted(
      readScenarioFile(JSON.stringify({ durationS: 20, durationSec: 5, seed: 'seven' })),
    );
    expect(r.scenario.durationS).toBe(20);
    expect(r.scenario.seed).toBe(defaultScenario().seed);
    expect(r.issues.map((i) => [i.path, i.action])).toEqual([
      ['seed', 'defaulted'],
      ['durationSec', 'ignored'],
    ]);
  });
});

describe('openScenarioText: through the store, as a link is', () => {
  it('a good file replaces the scenario in one undo step; a bad one changes nothing and says why', () => {
    const stop = startEditHistory();
    try {
      useLab.getState().loadPreset('primary-fails');
      const before = useLab.getState().scenario;
      const loads = useLab.getState().loads;

      openScenarioText('broken.json', '{"durationS": ');
      expect(useLab.getState().scenario).toBe(before);
      expect(useLab.getState().refusal).toEqual({
        source: '“broken.json” was not opened',
        problem: expect.stringMatching(/^it is not valid JSON/) as unknown as string,
      });

      openScenarioText('results.json', resultsExport({ ...preset('remus-bursts'), seed: 9 }));
      expect(useLab.getState().scenario.seed).toBe(9);
      expect(useLab.getState().presetId).toBeNull();
      expect(useLab.getState().loads).toBe(loads + 1);
      expect(useLab.getState().refusal).toBeNull();
      expect(useLab.getState().notices).toEqual([]);

      openScenarioText('short.json', JSON.stringify({ durationS: 0.1 }));
      expect(useLab.getState().scenario.durationS).toBe(1);
      expect(useLab.getState().noticeSource).toBe('“short.json” could not be read in full');
      expect(useLab.getState().notices.map((n) => n.action)).toContain('clamped');

      undo();
      expect(useLab.getState().scenario.seed).toBe(9);
      undo();
      expect(useLab.getState().scenario).toBe(before);
    } finally {
      stop();
    }
  });
});
