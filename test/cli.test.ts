import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    cwd: join(import.meta.dirname, '..'),
  });

describe('CLI', () => {
  it('refuses a scenario file with a wrong type or an out-of-range value, naming each field, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        replication: { intervalMs: 'fast' },
        telephony: { calls: 9999 },
      }),
    );
    const r = cli(file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('replication.intervalMs');
    expect(r.stderr).toContain('telephony.calls');
    expect(r.stdout).toBe('');
  });

  it('refuses unknown --set paths and unreadable files', () => {
    expect(cli('remus-bursts', '--set', 'replication.intervl=5').status).toBe(2);
    const r = cli('/nonexistent.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('neither a preset');
  });

  it('--json prints the documented document with the same trace hash as a lab URL of the same scenario', () => {
    const a = cli('remus-bursts', '--set', 'durationS=5', '--json');
    expect(a.status).toBe(0);
    const out = JSON.parse(a.stdout) as {
      cliVersion: number;
      url: string;
      traceHash: string;
      summary: { bursts: { releases: number } };
    };
    expect(out.cliVersion).toBe(1);
    expect(out.summary.bursts.releases).toBeGreaterThan(5);
    const b = cli(`http://lab/${out.url}`, '--json');
    expect((JSON.parse(b.stdout) as { traceHash: string }).traceHash).toBe(out.traceHash);
  });
});
