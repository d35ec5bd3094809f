import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asRefused, runCli } from '../src/cli/cli';
import { MAX_RESULTS_EXPORT_BYTES } from '../src/cli/scenario-arg';
import { nodeScenarioFiles } from '../src/cli/scenario-files';
import type { ScenarioFiles } from '../src/sim/scenario/load';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';

// The walkthrough: the CLI refused the file the lab's "Export JSON" writes (ShareBar.tsx), with
// an "unknown field" line per summary key; and its refusals said "used 1 s" of a run never made.

const cli = (args: string[], files: ScenarioFiles = nodeScenarioFiles) => {
  let stdout = '';
  let stderr = '';
  const status = runCli(
    args,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    files,
  );
  return { status, stdout, stderr };
};
const traceHash = (stdout: string) => (JSON.parse(stdout) as { traceHash: string }).traceHash;

/** A short run of primary-fails (crash at 3 s of 5), as the lab would have it. */
const scenario = () => {
  const p = findPreset('primary-fails');
  if (!p) throw new Error('no preset');
  const s = presetScenario(p);
  return { ...s, durationS: 5, failures: { ...s.failures, f1: { ...s.failures.f1, atS: 3 } } };
};

/** The lab's Export JSON: `{scenario, url, traceHash, summary}`; `pad` makes the summary large. */
const exportText = (s: unknown, pad = 0) =>
  JSON.stringify(
    {
      scenario: s,
      url: '#v=4&durationS=5',
      traceHash: '00000000',
      summary: { summaryVersion: 2, streams: [], note: 'x'.repeat(pad) },
    },
    null,
    2,
  );

const write = (name: string, text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'lab-export-')), name);
  writeFileSync(file, text);
  return file;
};

describe('CLI: a results export', () => {
  it('runs the scenario of the file "Export JSON" writes, as the bare scenario would run', () => {
    const s = scenario();
    const exported = cli([write('voip-ha-lab-results.json', exportText(s)), '--json']);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/is a results export; running its "scenario"/);
    expect(exported.stderr).not.toContain('unknown field');
    const bare = cli([write('scenario.json', JSON.stringify(s)), '--json']);
    expect(bare.status, bare.stderr).toBe(0);
    expect(bare.stderr).toBe('');
    expect(traceHash(exported.stdout)).toBe(traceHash(bare.stdout));
  });

  it('reads its own --json output back', () => {
    const first = cli([write('s.json', JSON.stringify(scenario())), '--json']);
    const again = cli([write('run.json', first.stdout), '--json']);
    expect(again.status, again.stderr).toBe(0);
    expect(traceHash(again.stdout)).toBe(traceHash(first.stdout));
  });

  it('validates the scenario inside it: an out-of-range value refuses the run, named by its path', () => {
    const r = cli([write('bad.json', exportText({ ...scenario(), durationS: 0.2 }))]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('durationS: 0.2 s is outside 1–3600 s; the lab would use 1 s');
    const notObject = cli([write('null.json', exportText(null))]);
    expect(notObject.status).toBe(2);
    expect(notObject.stderr).toContain('(scenario): a scenario must be a JSON object');
  });

  it('may be larger than a scenario file (a many-call summary), up to its own limit', () => {
    const big = cli([write('big.json', exportText(scenario(), 2 * 1024 * 1024))]);
    expect(big.status, big.stderr).toBe(0);
    const huge = cli([write('huge.json', exportText(scenario(), MAX_RESULTS_EXPORT_BYTES))]);
    expect(huge.status).toBe(2);
    expect(huge.stderr).toContain(
      `larger than ${MAX_RESULTS_EXPORT_BYTES} bytes, the limit for a results export`,
    );
  });

  it('is read once (a pipe, such as <(cat run.json), cannot be read twice); scenario without summary is no export', () => {
    const counting = (text: string) => {
      const files: ScenarioFiles & { reads: number } = {
        reads: 0,
        exists: () => true,
        read: () => {
          files.reads++;
          return text;
        },
      };
      return files;
    };
    const pipe = counting(exportText(scenario()));
    const r = cli(['/dev/fd/63'], pipe);
    expect(r.status, r.stderr).toBe(0);
    expect(pipe.reads).toBe(1);
    // Without `summary` the file is a scenario, and `scenario` an unknown key in it.
    const half = counting(JSON.stringify({ scenario: scenario() }));
    const h = cli(['/dev/fd/63'], half);
    expect(half.reads).toBe(1);
    expect(h.status).toBe(2);
    expect(h.stderr).toContain('scenario.durationS: unknown field');
  });
});

describe('CLI: a refused scenario does not say a value was used', () => {
  it('says what the lab would do instead, for clamped, defaulted and unknown values', () => {
    const r = cli([
      'primary-fails',
      '--set',
      'durationS=0.1',
      '--set',
      'failures.f1.kind=yes',
      '--set',
      'telephony.calls=9999',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: the scenario was refused and nothing was run\./);
    expect(r.stderr).toContain('durationS: 0.1 s is outside 1–3600 s; the lab would use 1 s');
    expect(r.stderr).toContain('got "yes"; the lab would keep the default none');
    expect(r.stderr).toContain('9999 calls is outside 0–2000 calls; the lab would use 2000 calls');
    expect(r.stderr).not.toMatch(/; used |; kept the default/);
    const unknown = cli([write('u.json', JSON.stringify({ durationS: 5, nope: 1 }))]);
    expect(unknown.stderr).toContain('nope: unknown field; the lab would ignore it');
  });

  it('asRefused leaves a message without the lab’s action as it was', () => {
    expect(asRefused('unknown field (see docs/scenario.md)')).toBe(
      'unknown field (see docs/scenario.md)',
    );
    expect(asRefused('x is outside 1–3 s; used 1 s')).toBe(
      'x is outside 1–3 s; the lab would use 1 s',
    );
  });
});
