import { runToEnd } from './src/sim/run';
import { validateScenario } from './src/sim/scenario/validate';
const base = (small: boolean, policy: string) => ({
  durationS: 10,
  replication: { enabled: false },
  telephony: { calls: 0 },
  nic: { txPolicy: policy },
  vms: {
    vm1: { txMbps: 1000, txFrameBytes: small ? 64 : 1518, slaMbps: 150, slaKpps: 20 },
    vm2: { enabled: true, burnPct: 0, txMbps: 1000, txFrameBytes: 1518, slaMbps: 700, slaKpps: 60 },
    vm3: {
      enabled: true,
      burnPct: 0,
      txMbps: 1000,
      txFrameBytes: small ? 64 : 1518,
      slaMbps: 150,
      slaKpps: 60,
    },
  },
});
for (const [name, small, policy] of [
  ['s1 none', false, 'none'],
  ['s2 none', true, 'none'],
  ['s2 tc', true, 'tc'],
  ['s2 dba', true, 'dba'],
] as const) {
  const { scenario, issues } = validateScenario(base(small, policy));
  const t0 = performance.now();
  const r = runToEnd(scenario);
  const n = r.summary.nic!;
  console.log(
    name,
    issues.length,
    (performance.now() - t0).toFixed(0) + 'ms',
    'total',
    n.totalKpps,
    'kpps',
    n.totalMbps,
    'Mb/s mem',
    n.memoryBusyPct,
    '|',
    n.vms.map((v) => `${v.vm} ${v.sentMbps}Mb/s ${v.sentKpps}kpps`).join(' '),
    r.summary.events,
  );
}
