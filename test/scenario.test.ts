import { describe, expect, it } from 'vitest';
import { ScenarioRun, runToEnd } from '../src/sim/run';
import { firstCheckpoint } from '../src/sim/scenario/failover-warnings';
import {
  FIELDS,
  defaultScenario,
  getPath,
  setPath,
  type Scenario,
} from '../src/sim/scenario/scenario';
import { PRESETS, presetScenario } from '../src/sim/scenario/presets';
import { ScenarioError, parseScenarioStrict, validateScenario } from '../src/sim/scenario/validate';
import {
  MAX_HASH_LENGTH,
  decodeScenarioHash,
  encodeScenarioHash,
} from '../src/sim/scenario/url-codec';
import { applyOverrides } from '../src/sim/scenario/load';

describe('field table', () => {
  it('every field default is valid, in range and on the scenario', () => {
    const s = defaultScenario();
    for (const f of FIELDS) {
      expect(getPath(s, f.path), f.path).toBe(f.default);
      if (f.kind === 'int' || f.kind === 'number') {
        expect(f.default, f.path).toBeGreaterThanOrEqual(f.min);
        expect(f.default, f.path).toBeLessThanOrEqual(f.max);
        expect(f.help.length, f.path).toBeGreaterThan(10);
      }
    }
    expect(validateScenario(s).issues).toEqual([]);
  });

  it('every preset is a valid scenario', () => {
    for (const p of PRESETS) {
      expect(validateScenario(presetScenario(p)).issues, p.id).toEqual([]);
      expect(p.explain[0].length + p.explain[1].length).toBeGreaterThan(60);
    }
  });
});

describe('validation keeps what is good and names what is not', () => {
  it('a wrong type keeps the default and names the field', () => {
    const r = validateScenario({
      version: 1,
      replication: { intervalMs: 'fast', policy: 'net' },
      telephony: { calls: 3 },
    });
    expect(r.scenario.replication.intervalMs).toBe(200);
    expect(r.scenario.telephony.calls).toBe(3);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ path: 'replication.intervalMs', action: 'defaulted' });
  });

  it('an out-of-range number is clamped visibly', () => {
    const r = validateScenario({ replication: { intervalMs: 99999 } });
    expect(r.scenario.replication.intervalMs).toBe(2000);
    expect(r.issues[0]).toMatchObject({ path: 'replication.intervalMs', action: 'clamped' });
    expect(r.issues[0]?.message).toContain('10–2000');
  });

  it('non-objects, unknown enums, NaN and unknown keys are reported', () => {
    expect(validateScenario('nope').issues[0]?.path).toBe('');
    expect(validateScenario([]).issues[0]?.path).toBe('');
    const r = validateScenario({
      replication: { policy: 'sometimes' },
      durationS: Number.NaN,
      extra: { x: 1 },
    });
    expect(r.issues.map((i) => i.path).sort()).toEqual([
      'durationS',
      'extra.x',
      'replication.policy',
    ]);
    expect(r.scenario.durationS).toBe(60);
  });

  it('cross-field rules: Heartbeat dead time > 2 × keepalive, failure inside the run', () => {
    const r = validateScenario({
      failure: { keepaliveMs: 1000, deadMs: 1500 },
      failures: { f1: { kind: 'host-crash', atS: 90 } },
      durationS: 60,
    });
    expect(r.scenario.failure.deadMs).toBeGreaterThan(2000);
    expect(r.scenario.failures['f1']?.atS).toBeLessThan(60);
    expect(r.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['failure.deadMs', 'failures.f1.atS']),
    );
  });

  it('the strict parser (CLI) throws naming every field', () => {
    expect(() => parseScenarioStrict({ telephony: { calls: -1 }, host: { cores: 'two' } })).toThrow(
      ScenarioError,
    );
    try {
      parseScenarioStrict({ telephony: { calls: -1 }, host: { cores: 'two' } });
    } catch (e) {
      expect((e as Error).message).toContain('telephony.calls');
      expect((e as Error).message).toContain('host.cores');
    }
  });

  it('migrates the pre-release version 0 (interval in seconds)', () => {
    const r = validateScenario({ version: 0, replication: { interval: 0.4 } });
    expect(r.issues).toEqual([]);
    expect(r.scenario.replication.intervalMs).toBe(400);
  });

  it('migrates version 1 (burners on the VoIP core) to VM slots', () => {
    const r = validateScenario({
      version: 1,
      host: { burners: 2, burnerUtilPct: 60, voipWeight: 512 },
    });
    expect(r.issues).toEqual([]);
    expect(r.scenario.vms['vm1']).toMatchObject({ weight: 512, pin: 1 });
    expect(r.scenario.vms['vm2']).toMatchObject({ enabled: true, burnPct: 60, pin: 1 });
    expect(r.scenario.vms['vm3']).toMatchObject({ enabled: true, burnPct: 60, pin: 1 });
    expect(r.scenario.vms['vm4']?.enabled).toBe(false);
  });

  it('a version-1 link runs exactly like its hand-written version-2 equivalent', async () => {
    const { runToEnd } = await import('../src/sim/run');
    const r = decodeScenarioHash('#v=1&durationS=20&replication.intervalMs=400&host.burners=2');
    expect(r.issues).toEqual([]);
    const v2 = decodeScenarioHash(
      '#v=2&durationS=20&replication.intervalMs=400&vms.vm1.pin=1&vms.vm2.enabled=true&vms.vm2.pin=1&vms.vm3.enabled=true&vms.vm3.pin=1',
    );
    expect(v2.issues).toEqual([]);
    expect(r.scenario).toEqual(v2.scenario);
    // At the migration's commit this link also gave the version-1 CLI's trace hash (47067a07).
    expect(runToEnd(r.scenario).traceHash).toBe(runToEnd(v2.scenario).traceHash);
  });

  it('vSlicer settings that cannot work are refused with the reason (credit is used)', () => {
    const bad = validateScenario({
      host: { scheduler: 'vslicer' },
      vms: { vm1: { lsvm: true }, vm2: { enabled: true } },
    });
    expect(bad.scenario.host.scheduler).toBe('credit');
    expect(bad.issues[0]).toMatchObject({ path: 'host.scheduler', action: 'adjusted' });
    expect(bad.issues[0]?.message).toContain('m + n ≥ 3');
    const divisor = validateScenario({
      host: { scheduler: 'vslicer', microSliceMs: 7 },
      vms: { vm1: { lsvm: true }, vm2: { enabled: true }, vm3: { enabled: true } },
    });
    expect(divisor.issues[0]?.message).toContain('must divide');
    const ok = validateScenario({
      host: { scheduler: 'vslicer', microSliceMs: 5 },
      vms: { vm1: { lsvm: true }, vm2: { enabled: true }, vm3: { enabled: true } },
    });
    expect(ok.issues).toEqual([]);
    expect(ok.scenario.host.scheduler).toBe('vslicer');
  });

  it('an SLA whose guarantee exceeds its maximum is refused, naming the field', () => {
    const r = validateScenario({ vms: { vm2: { enabled: true, slaMbps: 100, slaMinMbps: 300 } } });
    expect(r.scenario.vms['vm2']?.slaMinMbps).toBe(100);
    expect(r.issues).toEqual([
      expect.objectContaining({ path: 'vms.vm2.slaMinMbps', action: 'adjusted' }),
    ]);
  });

  it('a pin to dom0’s core or a missing core is undone with a notice', () => {
    const r = validateScenario({ vms: { vm1: { pin: 0 }, vm2: { enabled: true, pin: 5 } } });
    expect(r.scenario.vms['vm1']?.pin).toBe(-1);
    expect(r.scenario.vms['vm2']?.pin).toBe(-1);
    expect(r.issues.map((i) => i.path)).toEqual(['vms.vm1.pin', 'vms.vm2.pin']);
  });

  it('migrates version 3: a TCP stream keeps streaming from the VM, whatever direction said', () => {
    const v3 = decodeScenarioHash(
      '#v=3&workloads.w1.kind=stream-tcp&workloads.w2.kind=stream-udp&workloads.w3.kind=stream-tcp&workloads.w3.direction=to-vm',
    );
    expect(v3.issues).toEqual([]);
    expect(v3.scenario.workloads['w1']?.direction).toBe('from-vm');
    expect(v3.scenario.workloads['w3']?.direction).toBe('from-vm');
    // A UDP stream always followed direction: it keeps its default.
    expect(v3.scenario.workloads['w2']?.direction).toBe('to-vm');
    // A version-4 link means what it says.
    const v4 = decodeScenarioHash('#v=4&workloads.w1.kind=stream-tcp');
    expect(v4.scenario.workloads['w1']?.direction).toBe('to-vm');
  });

  it('a future version is read as far as possible and reported', () => {
    const r = validateScenario({ version: 99, telephony: { calls: 4 } });
    expect(r.scenario.telephony.calls).toBe(4);
    expect(r.issues[0]?.path).toBe('version');
  });
});

describe('URL codec', () => {
  it('round-trips every preset exactly', () => {
    for (const p of PRESETS) {
      const s = presetScenario(p);
      const hash = encodeScenarioHash(s);
      expect(hash).toMatch(/^#v=4/);
      const back = decodeScenarioHash(hash);
      expect(back.issues).toEqual([]);
      expect(back.scenario).toEqual(s);
    }
  });

  it('uses readable keys and only non-default values', () => {
    const s = presetScenario(PRESETS[0] as (typeof PRESETS)[number]);
    expect(encodeScenarioHash(s)).toBe('#v=4&durationS=20&replication.intervalMs=400');
  });

  it('hostile or malformed links give the default scenario plus notices, never a throw', () => {
    const cases = [
      '#v=1&replication.intervalMs=%E0%A4%A',
      '#__proto__.polluted=1&constructor.prototype.x=1',
      '#v=abc&telephony.calls=NaN',
      '#' + 'x'.repeat(MAX_HASH_LENGTH + 1),
      '#v=1&replication.policy=<script>alert(1)</script>',
      '#&&&=&==',
    ];
    for (const h of cases) {
      const r = decodeScenarioHash(h);
      expect(r.issues.length, h.slice(0, 40)).toBeGreaterThan(0);
      expect(validateScenario(r.scenario).issues).toEqual([]);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('--set overrides are typed by the field table', () => {
    const r = applyOverrides(defaultScenario(), [
      'replication.intervalMs=100',
      'failure.crash=true',
      'replication.policy=none',
      'nope=1',
    ]);
    expect(r.scenario.replication.intervalMs).toBe(100);
    expect(r.scenario.failures['f1']?.kind).toBe('host-crash');
    expect(r.scenario.replication.policy).toBe('none');
    expect(r.issues.map((i) => i.path)).toEqual(['nope']);
  });
});

describe('links and --set read values alike, and name what they cannot read', () => {
  it('switches accept true/false and 1/0 in both; other text is refused naming the field', () => {
    const link = decodeScenarioHash('#v=2&failure.crash=1&replication.enabled=0');
    const set = applyOverrides(defaultScenario(), ['failure.crash=1', 'replication.enabled=0']);
    expect(link.scenario).toEqual(set.scenario);
    // Version-2 keys (ADR 16) still read, as the version-3 fields they became.
    expect(set.scenario.failures['f1']?.kind).toBe('host-crash');
    expect(set.scenario.vms['vm1']?.protection).toBe('standby');
    const bad = applyOverrides(defaultScenario(), ['failures.f1.kind=yes', 'failure.crash=yes']);
    expect(bad.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'failures.f1.kind: expected one of none, host-crash, vm-crash, vm-shutdown, link-fail, partition, got "yes"; kept the default none',
    ]);
  });

  it('numbers that overflow or are spelled Infinity are named, not shown as null', () => {
    const r = decodeScenarioHash('#v=2&durationS=1e400&telephony.calls=-Infinity');
    expect(r.issues.map((i) => i.message)).toEqual([
      '"1e400" is not a finite number (too large for a double); kept the default',
      '"-Infinity" is not a finite number; kept the default',
    ]);
    expect(r.scenario).toEqual(defaultScenario());
    const file = validateScenario(JSON.parse('{"durationS": 1e400}'));
    expect(file.issues[0]?.message).toMatch(/^expected a finite number \(1–3600 s\), got Infinity/);
    const v = decodeScenarioHash('#v=abc');
    expect(v.issues.map((i) => i.message)).toEqual([
      'version "abc" is not a version number (0–4); read as version 4',
    ]);
    expect(validateScenario({ version: 1.5 }).issues[0]?.message).toContain('version 1.5 is not');
  });

  it('a key given twice is reported with every value; the last one is used', () => {
    const r = decodeScenarioHash('#v=2&durationS=10&telephony.calls=2&durationS=20&v=2');
    expect(r.scenario.durationS).toBe(20);
    expect(r.issues).toEqual([
      {
        path: 'version',
        message: 'given 2 times in the link ("2", "2"); used the last',
        action: 'warning',
      },
      {
        path: 'durationS',
        message: 'given 2 times in the link ("10", "20"); used the last',
        action: 'warning',
      },
    ]);
  });
});

describe('warnings when a failover cannot happen (issue 10, item 1)', () => {
  const base = (): Scenario => {
    let s = presetScenario(
      PRESETS.find((p) => p.id === 'primary-fails') as (typeof PRESETS)[number],
    );
    s = setPath(s, 'durationS', 4);
    return setPath(s, 'failures.f1.kind', 'none');
  };
  const firstEpoch = (s: Scenario) => {
    const run = new ScenarioRun(s);
    while (!run.next(1_000_000).done);
    return { run, first: run.world.replicator?.epochs[0] };
  };
  const warned = (s: Scenario) =>
    validateScenario(s)
      .issues.filter((i) => i.action === 'warning')
      .map((i) => i.path);

  it('the first-checkpoint estimate is a lower bound, within 1 % of the model when no traffic dirties state pages', () => {
    // Registrations and RTP dirty state pages of their own (dirty-pages.ts), which the estimate
    // leaves out on purpose: with traffic it stays below the model, without it it is the model.
    const quiet = (s: Scenario) =>
      setPath(setPath(s, 'telephony.calls', 0), 'telephony.registerRate', 0);
    for (const gbps of [1, 0.1, 0.02]) {
      const busy = setPath(base(), 'replication.linkGbps', gbps);
      for (const s of [busy, quiet(busy)]) {
        const est = firstCheckpoint(s.replication);
        const { first } = firstEpoch(s);
        expect(first, `${gbps}`).toBeDefined();
        const sent = first?.sent ?? 0;
        expect(est.sent, `${gbps}`).toBeLessThanOrEqual(sent);
        if (s !== busy) expect(est.sent, `${gbps}`).toBeGreaterThan(sent * 0.99);
      }
    }
  });

  it('a crash before the first checkpoint is sent is warned, and then no failover happens; just after it, none and one does', () => {
    const s = base();
    const est = firstCheckpoint(s.replication);
    const { first } = firstEpoch(s);
    const before = setPath(
      setPath(s, 'failures.f1.kind', 'host-crash'),
      'failures.f1.atS',
      Math.floor(est.sent / 1e4) / 100,
    );
    expect(warned(before)).toEqual(['failures.f1.atS']);
    expect(runToEnd(before).summary.failover?.takeoverS).toBeNull();
    const after = setPath(
      before,
      'failures.f1.atS',
      Math.ceil(((first?.ack ?? 0) + 10_000) / 1e4) / 100,
    );
    expect(warned(after)).toEqual([]);
    expect(runToEnd(after).summary.failover?.takeoverS).not.toBeNull();
  });

  it('the checkpoint-stream detector with replication off is warned, and the crash is never detected', () => {
    let s = setPath(setPath(base(), 'failures.f1.kind', 'host-crash'), 'failures.f1.atS', 1);
    s = setPath(s, 'vms.vm1.protection', 'standby');
    expect(warned(s)).toEqual(['failure.detector']);
    expect(runToEnd(s).summary.failover?.declaredDeadS).toBeNull();
    expect(warned(setPath(s, 'failure.detector', 'heartbeat'))).toEqual([]);
  });

  it('a link too slow for a checkpoint to commit in the run is warned, and none commits', () => {
    const s = setPath(setPath(base(), 'replication.linkGbps', 0.01), 'durationS', 2);
    expect(warned(s)).toEqual(['replication.linkGbps']);
    expect(firstEpoch(s).first).toBeUndefined();
  });

  it('a link slower than the dirty rate is warned, and then the model’s transfers grow ever faster', () => {
    const transfers = (gbps: number) => {
      // Heartbeat detection: with the checkpoint-stream detector the slow stream itself trips a
      // false failover after detectMs (1 s), the backup then runs the guest and stops reading the
      // stream, and the primary gives it up — no more transfers to measure. (The test passed
      // with that detector only while the backup went on committing the stream it had taken
      // over from, a bug fixed with test/topology-regressions.test.ts.)
      let s = setPath(setPath(base(), 'replication.linkGbps', gbps), 'durationS', 20);
      s = setPath(s, 'failure.detector', 'heartbeat');
      const t = (firstEpoch(s).run.world.replicator?.epochs ?? []).map((e) => e.sent - e.resume);
      return { warned: warned(s), steps: t.slice(1).map((x, i) => x - (t[i] as number)) };
    };
    // 2000 pages/s × 4 KiB = 65.5 Mb/s of dirty pages. Below it each transfer outgrows the last by
    // more each time (it carries the pages dirtied while the previous one was on the link); above
    // it the growth dies down towards a fixed point.
    for (const gbps of [0.05, 0.06]) {
      const slow = transfers(gbps);
      expect(slow.warned, `${gbps}`).toEqual(['replication.linkGbps']);
      expect(slow.steps.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < slow.steps.length; i++)
        expect(slow.steps[i]).toBeGreaterThan(slow.steps[i - 1] as number);
    }
    const fast = transfers(0.08);
    expect(fast.warned).toEqual([]);
    for (let i = 1; i < fast.steps.length; i++)
      expect(fast.steps[i]).toBeLessThan(fast.steps[i - 1] as number);
  });
});
