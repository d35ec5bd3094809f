// npx tsx bench/sip-load.ts — the SIP figures of ADR 11: packets per call per transport, state
// and dirtied pages against the call rate, and outcomes under random loss. Simulated time
// only: the numbers do not depend on the machine.
import { rngStream } from '../src/sim/engine/rng';
import { sec, type Micros } from '../src/sim/engine/units';
import { LoadGenerator, steady } from '../src/sim/sip/load-generator';
import { DirtyPageCounter } from '../src/sim/sip/state-tables';
import { SIP_TRANSPORTS } from '../src/sim/sip/timers';
import { sipPair, type SipPair } from '../test/support/sip-link';

const drain = (h: SipPair) => {
  while (h.sim.step()) {
    /* step */
  }
};

console.log('One call (INVITE … BYE), 1 ms links, cost hook 10 µs per packet and side:');
for (const t of SIP_TRANSPORTS) {
  const h = sipPair({ transport: t, cost: () => 10 });
  h.client.call(0);
  drain(h);
  const [c, s] = [h.uacTransport.stats, h.uasTransport.stats];
  console.log(
    `  ${t}: ${h.link.sent} packets, ${c.bytesSent + s.bytesSent} B, ${c.cpuUs + s.cpuUs} µs CPU, set-up ${(h.metrics.setupTimes[0] as number) / 1000} ms`,
  );
}

console.log('State after 60 s at a rate (calls and REGISTERs/s, 30 s hold), pages dirtied in 1 s:');
for (const t of ['udp', 'tcp'] as const) {
  for (const rate of [10, 20, 40, 80]) {
    const pages = new DirtyPageCounter();
    const h = sipPair({ transport: t, holdTime: sec(30), sink: pages });
    new LoadGenerator(h.sim, h.client, {
      users: 100_000,
      registrations: steady(rate),
      calls: steady(rate),
      start: 0 as Micros,
      end: sec(120),
    });
    h.sim.runUntil(sec(60));
    pages.takeEpoch();
    h.sim.runUntil(sec(61));
    const s = h.server;
    const kib = (s.dialogs.bytes + s.bindings.bytes + s.transactionState.bytes) / 1024;
    console.log(
      `  ${t} ${rate}/s: ${s.dialogs.size} dialogs, ${s.bindings.size} bindings, ${s.transactionState.size} transactions, ${kib.toFixed(0)} KiB, ${pages.takeEpoch()} pages/s`,
    );
  }
}

console.log('Loss: 10 calls and 10 REGISTERs a second for 100 s, 5 s hold, seed 1:');
for (const t of SIP_TRANSPORTS) {
  for (const loss of [0.01, 0.05, 0.2]) {
    const rng = rngStream(1, 'link');
    const h = sipPair({ transport: t, holdTime: sec(5), drop: () => rng.next() < loss });
    new LoadGenerator(h.sim, h.client, {
      users: 1000,
      registrations: steady(10),
      calls: steady(10),
      start: 0 as Micros,
      end: sec(100),
    });
    drain(h);
    const m = h.metrics.summary();
    const tcp = h.uacTransport.stats.tcpRetransmissions + h.uasTransport.stats.tcpRetransmissions;
    console.log(
      `  ${t} ${loss * 100} %: calls ${m.calls.successes}/${m.calls.attempts}, dropped ${m.callsDropped}, ` +
        `REGISTER ${m.registrations.successes}/${m.registrations.attempts}, SIP retransmissions ${m.requestRetransmissions}, ` +
        `TCP ${tcp}, 2xx copies ${h.server.stats.okRetransmissions}, set-up p95 ${m.setupTime.p95Ms} ms max ${m.setupTime.maxMs} ms`,
    );
  }
}
