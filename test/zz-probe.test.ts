import { it } from 'vitest';
import { runToEnd } from '../src/sim/run';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { preset, valid } from './support/presets';
it('probe', () => {
  for (const [pkt, ck] of [
    [5, 26600],
    [63, 0],
    [63, 26600],
  ] as const) {
    const set: Record<string, number | boolean | string> = {
      durationS: 40,
      'host.cores': 4,
      'telephony.calls': 0,
      'telephony.registerRate': 1400,
      'replication.intervalMs': 100,
      'replication.policy': 'net',
      'failure.crash': true,
      'failure.atS': 20,
      'host.dom0PacketCostUs': pkt,
      'replication.dom0CheckpointUs': ck,
    };
    const s: Scenario = valid(
      Object.entries(set).reduce<Scenario>(
        (a, [p, v]) => setPath(a, p, v),
        preset('primary-fails'),
      ),
    );
    const r = runToEnd(s).summary;
    console.log(JSON.stringify({ pkt, ck, sip: r.sip, dropped: r.dropped, fo: r.failover }));
  }
});
