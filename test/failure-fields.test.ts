import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { failoverWarnings } from '../src/sim/scenario/failover-warnings';
import { validateScenario } from '../src/sim/scenario/validate';
import { defaultScenario, setPath } from '../src/sim/scenario/scenario';
import { failureFieldShown } from '../src/ui/components/failure-fields';
import { preset } from './support/presets';
import { storyOf } from './support/story';

/**
 * The two-node detector is the pairwise manager's: with Heartbeat or Pacemaker over all hosts
 * their membership decides, so the panel, the warnings and the story must not speak of it.
 */
describe('the failure detector under a cluster manager', () => {
  it('the panel offers the detector only under the pairwise manager', () => {
    const s = defaultScenario();
    expect(failureFieldShown(s, 'failure.detector')).toBe(true);
    for (const m of ['heartbeat', 'pacemaker']) {
      const managed = setPath(s, 'cluster.manager', m);
      expect(failureFieldShown(managed, 'failure.detector'), m).toBe(false);
      expect(failureFieldShown(managed, 'failure.detectMs'), m).toBe(true);
      expect(failureFieldShown(managed, 'cluster.tokenMs'), m).toBe(true);
    }
  });

  it('no "never detected" warning for a standby under Pacemaker, which takes over', () => {
    const crash = setPath(
      setPath(preset('pacemaker-partition'), 'failures.f1.kind', 'host-crash'),
      'failures.f1.atS',
      10,
    );
    expect(crash.failure.detector).toBe('checkpoint');
    expect(failoverWarnings(crash).map((w) => w.path)).not.toContain('failure.detector');
    const r = runToEnd(crash);
    expect(r.summary.failover?.takeoverS).toBeGreaterThan(10);
    // The same standby under the pairwise checkpoint-stream detector is never failed over.
    const pairwise = setPath(crash, 'cluster.manager', 'pairwise');
    expect(failoverWarnings(pairwise).map((w) => w.path)).toContain('failure.detector');
  });

  it('no checkpoint-stream warnings under Pacemaker: an early crash, a short timeout', () => {
    const remus = setPath(preset('pacemaker-partition'), 'vms.vm1.protection', 'remus');
    const early = setPath(setPath(remus, 'failures.f1.kind', 'host-crash'), 'failures.f1.atS', 0.2);
    const texts = validateScenario(early).issues.map((i) => i.message);
    expect(texts.join('\n')).not.toMatch(/never armed/);
    const short = validateScenario(setPath(remus, 'failure.detectMs', 100)).issues;
    expect(short.map((i) => i.path)).not.toContain('failure.detectMs');
    // The same under the pairwise manager still warns.
    const pairwise = setPath(
      setPath(remus, 'cluster.manager', 'pairwise'),
      'failure.detectMs',
      100,
    );
    expect(validateScenario(pairwise).issues.map((i) => i.path)).toContain('failure.detectMs');
  });

  it('a standby copy is told to start cold, a Remus backup to resume from its checkpoint', () => {
    const cold = storyOf(preset('pacemaker-partition'));
    expect(cold).toMatch(/backup copy starts with no replicated state.*\(takeover\)/);
    expect(cold).toMatch(/missing on the backup copy \(it started with none\)/);
    expect(cold).not.toMatch(/last committed checkpoint/);
    expect(storyOf(preset('primary-fails'))).toMatch(
      /resumes the VM from the last committed checkpoint \(takeover\)/,
    );
  });
});
