import { describe, expect, it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { REFERENCE } from './reference-data';
import { preset, valid } from './support/presets';

const R6 = REFERENCE.r6;

/**
 * R6's testbed as far as the lab models it: the VoIP VM (registrar and relay; one vCPU, not two)
 * protected by Remus with Net buffering every 100 ms, REGISTER over UDP from 1000 users, on a
 * 4-core host with dom0 on its own core (the paper's dom0 has 4 vCPUs; the lab's has one).
 */
function r6(rate: number, crash: boolean): Scenario {
  const set: Record<string, number | boolean | string> = {
    durationS: 40,
    'host.cores': 4,
    'telephony.calls': 0,
    'telephony.registerRate': rate,
    'replication.intervalMs': R6.intervalMs,
    'replication.policy': 'net',
    'failures.f1.kind': crash ? 'host-crash' : 'none',
    'failures.f1.atS': 20,
  };
  return valid(
    Object.entries(set).reduce<Scenario>(
      (s, [path, v]) => setPath(s, path, v),
      preset('primary-fails'),
    ),
  );
}

describe(`R6 — primary failure at ${R6.failoverRegisterRate} REGISTER/s over UDP`, () => {
  const s = r6(R6.failoverRegisterRate, true);

  it(`Net mode: ${R6.failoverSuccessPct} % of registrations succeed, none acknowledged and then lost`, () => {
    const r = runToEnd(s).summary;
    expect(r.failover?.takeoverS).toBeGreaterThan(20);
    expect(r.sip.started).toBe(R6.failoverRegisterRate * s.durationS);
    expect(r.sip.successPct).toBe(R6.failoverSuccessPct);
    expect(r.sip.failed).toBe(0);
    expect(r.sip.pending).toBe(0);
    expect(r.sip.lostAfterAck).toBe(0);
    expect(r.outputCommitViolations).toBe(0);
    // The requests lost with the primary (and the 200 OKs it buffered) were retransmitted (Timer E).
    expect(r.sip.retransmissions).toBeGreaterThan(R6.failoverRegisterRate);
  });

  it('No-Net: every client still gets a 200 OK, but the backup lacks some bindings the clients saw succeed', () => {
    const r = runToEnd(setPath(s, 'replication.policy', 'none')).summary;
    expect(r.sip.successPct).toBe(100);
    expect(r.sip.lostAfterAck).toBeGreaterThan(0);
  });
});

describe('R6 — CPU under REGISTER load with Net checkpoints every 100 ms', () => {
  const cpu = R6.cpuAt.map(({ registerRate }) => {
    const rows = runToEnd(r6(registerRate, false)).summary.cpu.filter((c) => c.host === 'primary');
    const pct = (vm: string) => rows.find((c) => c.vm === vm)?.sharePct ?? NaN;
    return { dom0: pct('dom0'), guest: pct('voip') };
  });

  it(`guest CPU as published within ±${R6.guestToleranceOfPct} points (host.sipCostUs is this slope)`, () => {
    R6.cpuAt.forEach((ref, i) =>
      expect(Math.abs((cpu[i]?.guest ?? NaN) - ref.guestPct)).toBeLessThanOrEqual(
        R6.guestToleranceOfPct,
      ),
    );
  });

  it('dom0 CPU grows with the load but stays far below the paper’s (documented deviation)', () => {
    const [low, high] = cpu;
    expect(high?.dom0).toBeGreaterThan(low?.dom0 ?? Infinity);
    // The lab: 1.3 % → 2.1 % (docs/reference-results.md); the paper 36.6 % → 46.3 %. The lab's dom0
    // pays per packet and per dirty page only; Remus's fixed per-epoch work is not modelled.
    for (const c of cpu) {
      expect(c.dom0).toBeGreaterThanOrEqual(1);
      expect(c.dom0).toBeLessThanOrEqual(2.5);
    }
  });
});
