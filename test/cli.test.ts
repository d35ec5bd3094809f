import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/cli';
import { nodeScenarioFiles } from '../src/cli/scenario-files';
import { MAX_JSON_DEPTH, MAX_SCENARIO_FILE_BYTES } from '../src/sim/scenario/load';

const ROOT = join(import.meta.dirname, '..');
const MAIN = join(ROOT, 'src/cli/main.ts');
/** tsx by its file URL, so the CLI also starts from a directory outside the checkout. */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs the CLI as a user would, in a process of its own; `cwd` lets a test name a file by a relative path. */
const spawned = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], {
    encoding: 'utf8',
    cwd,
    timeout: 60_000,
  });
/** The same command in this process (no start-up cost), on the real file system. */
const cli = (...args: string[]) => {
  let stdout = '';
  let stderr = '';
  const status = runCli(
    args,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    nodeScenarioFiles,
  );
  return { status, stdout, stderr };
};

interface CliJson {
  cliVersion: number;
  url: string;
  traceHash: string;
  warnings: { path: string; message: string }[];
  scenario: {
    seed: number;
    durationS: number;
    failures: { f1: { kind: string } };
    vms: { vm1: { protection: string } };
  };
  summary: { bursts: { releases: number }; failover: { takeoverS: number | null } | null };
}
const json = (stdout: string) => JSON.parse(stdout) as CliJson;

const tmp = () => mkdtempSync(join(tmpdir(), 'lab-'));

describe('CLI', () => {
  it('refuses a scenario file with a wrong type or an out-of-range value, naming each field, exit 2', () => {
    const file = join(tmp(), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        replication: { intervalMs: 'fast' },
        telephony: { calls: 9999 },
      }),
    );
    const r = spawned(ROOT, file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('replication.intervalMs');
    expect(r.stderr).toContain('telephony.calls');
    expect(r.stdout).toBe('');
  });

  it('refuses unknown --set paths and paths that do not exist', () => {
    expect(cli('remus-bursts', '--set', 'replication.intervl=5').status).toBe(2);
    const r = cli('/nonexistent.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('neither a preset');
  });

  it('--json prints the documented document with the same trace hash as a lab URL of the same scenario', () => {
    const a = spawned(ROOT, 'remus-bursts', '--set', 'durationS=5', '--json');
    expect(a.status).toBe(0);
    const out = json(a.stdout);
    expect(out.cliVersion).toBe(1);
    expect(out.warnings).toEqual([]);
    expect(out.summary.bursts.releases).toBeGreaterThan(5);
    const b = cli(`http://lab/${out.url}`, '--json');
    expect(json(b.stdout).traceHash).toBe(out.traceHash);
  });

  it('a warning is printed and the run goes on (a short checkpoint-stream timeout; an interval inside its range)', () => {
    const a = cli(
      'remus-bursts',
      '--set',
      'failure.detectMs=300',
      '--set',
      'durationS=1',
      '--json',
    );
    expect(a.status).toBe(0);
    expect(a.stderr).toMatch(/^warning:\n {2}failure\.detectMs: .*false failover/);
    expect(json(a.stdout).warnings.map((w) => w.path)).toEqual(['failure.detectMs']);
    const b = cli('remus-bursts', '--set', 'replication.intervalMs=1000', '--set', 'durationS=1');
    expect(b.status).toBe(0);
    expect(b.stderr).toContain('failure.detectMs');
    expect(b.stdout).toContain('VoIP HA Lab');
  });

  it('warns when a failover cannot happen, and runs: crash before the first checkpoint, detector without replication, a link too slow to commit', () => {
    const a = cli(
      'primary-fails',
      '--set',
      'durationS=3',
      '--set',
      'failures.f1.atS=0.3',
      '--json',
    );
    expect(a.status).toBe(0);
    expect(a.stderr).toContain(
      'failures.f1.atS: the primary crashes at 0.3 s, before the first checkpoint',
    );
    // The model agrees: nothing committed, the checkpoint-stream detector never fired.
    expect(json(a.stdout).summary.failover?.takeoverS).toBeNull();
    const b = cli(
      'primary-fails',
      '--set',
      'durationS=3',
      '--set',
      'failures.f1.atS=1',
      '--set',
      'vms.vm1.protection=standby',
    );
    expect(b.status).toBe(0);
    expect(b.stderr).toContain('failure.detector: the checkpoint-stream detector');
    const c = cli('remus-bursts', '--set', 'durationS=2', '--set', 'replication.linkGbps=0.01');
    expect(c.status).toBe(0);
    expect(c.stderr).toContain('replication.linkGbps: no checkpoint can commit within the 2 s run');
  });

  it('an existing path is a file even if its name contains # or starts with http', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'call#2.json'), JSON.stringify({ durationS: 1, seed: 7 }));
    writeFileSync(join(dir, 'http-lab.json'), JSON.stringify({ durationS: 1, seed: 8 }));
    const a = spawned(dir, 'call#2.json', '--json');
    expect(a.status, a.stderr).toBe(0);
    expect(json(a.stdout).scenario.seed).toBe(7);
    const b = spawned(dir, 'http-lab.json', '--json');
    expect(b.status, b.stderr).toBe(0);
    expect(json(b.stdout).scenario.seed).toBe(8);
  });

  it('a URL without # gets a message that says the scenario is in the hash', () => {
    const r = cli('https://lab.example/voip-ha-lab/');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is a URL without a "#…" part');
  });

  it('Infinity, 1e400 and #v=abc get messages that name the problem', () => {
    const inf = cli('remus-bursts', '--set', 'durationS=Infinity');
    expect(inf.status).toBe(2);
    expect(inf.stderr).toContain('durationS: "Infinity" is not a finite number');
    const big = cli('remus-bursts', '--set', 'telephony.calls=1e400');
    expect(big.status).toBe(2);
    expect(big.stderr).toContain('telephony.calls: "1e400" is not a finite number (too large');
    const file = join(tmp(), 'big.json');
    writeFileSync(file, '{"durationS": 1e400}');
    const f = cli(file);
    expect(f.status).toBe(2);
    expect(f.stderr).toContain('durationS: expected a finite number (1–3600 s), got Infinity');
    const v = cli('http://lab/#v=abc&durationS=1');
    expect(v.status).toBe(2);
    expect(v.stderr).toContain('version: version "abc" is not a version number');
    for (const r of [inf, big, f, v]) expect(r.stderr).not.toMatch(/got null|version null/);
  });

  it('--set reads switches as a link does: true/false and 1/0', () => {
    const on = cli(
      'remus-bursts',
      '--set',
      'replication.enabled=0',
      '--set',
      'durationS=1',
      '--json',
    );
    expect(on.status, on.stderr).toBe(0);
    // A version-2 switch (ADR 16) reads as the version-3 field it became, in --set and in a link.
    expect(json(on.stdout).scenario.vms.vm1.protection).toBe('standby');
    const link = cli('http://lab/#v=2&durationS=1&replication.enabled=0', '--json');
    expect(json(link.stdout).traceHash).toBe(json(on.stdout).traceHash);
    const bad = cli('remus-bursts', '--set', 'failures.f1.kind=yes');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('failures.f1.kind: expected one of none, host-crash');
  });

  it(`refuses a file over ${MAX_SCENARIO_FILE_BYTES} bytes without reading it whole, and JSON nested over ${MAX_JSON_DEPTH} deep`, () => {
    const dir = tmp();
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"durationS": 1${' '.repeat(MAX_SCENARIO_FILE_BYTES)}}`);
    const a = cli(big);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain(`larger than ${MAX_SCENARIO_FILE_BYTES} bytes`);
    // A device that never ends: refused after the limit (it once grew the process to 10 GB).
    if (existsSync('/dev/zero')) {
      const z = cli('/dev/zero');
      expect(z.status).toBe(2);
      expect(z.stderr).toContain('/dev/zero: larger than');
    }
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, `{"host": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    const d = cli(deep);
    expect(d.status).toBe(2);
    expect(d.stderr).toContain(`nested 200001 levels deep`);
    // The limit is not in the way of a scenario: 3 levels (vms.vm2.txMbps) are read.
    const ok = join(dir, 'ok.json');
    writeFileSync(ok, JSON.stringify({ durationS: 1, vms: { vm2: { enabled: true } } }));
    expect(cli(ok).status).toBe(0);
  });

  it('a key given twice in a link is reported, the last one is used, and the run goes on', () => {
    const r = cli('http://lab/#v=2&durationS=3&durationS=1', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('durationS: given 2 times in the link ("3", "1"); used the last');
    expect(json(r.stdout).scenario.durationS).toBe(1);
  });
});
