import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rngStream } from '../src/sim/engine/rng';
import { ms, sec, type Micros } from '../src/sim/engine/units';
import { LoadGenerator, steady } from '../src/sim/sip/load-generator';
import { SipMethod, SipStatus, type SipMessage } from '../src/sim/sip/message';
import { SIP_TRANSPORTS, type SipTransportKind } from '../src/sim/sip/timers';
import { TxEnd, TxState } from '../src/sim/sip/transaction-state';
import { WireKind, type WirePacket } from '../src/sim/sip/transport';
import { sipPair, type SipPair, type SentMessage } from './support/sip-link';

/** Runs until no event is left (every timer has fired or been made stale). */
function drain(h: SipPair): void {
  while (h.sim.step()) {
    /* step */
  }
}

const is = (method: SipMethod, status: number) => (s: SentMessage) =>
  s.msg.method === method && s.msg.status === status;

/** Drops the first packet carrying a SIP message that matches. */
function dropFirst(match: (m: SipMessage, fromClient: boolean) => boolean) {
  let done = false;
  return (p: WirePacket, fromClient: boolean): boolean => {
    if (done || p.kind !== WireKind.Sip || !p.msg || !match(p.msg, fromClient)) return false;
    done = true;
    return true;
  };
}

describe('no loss: protocol arithmetic', () => {
  it.each(SIP_TRANSPORTS)(
    '%s: no retransmission of any kind under a call and REGISTER ramp',
    (t) => {
      const h = sipPair({ transport: t, holdTime: sec(3) });
      new LoadGenerator(h.sim, h.client, {
        users: 50,
        registrations: { startRate: 5, increment: 5, periodS: 5, maxRate: 20 },
        calls: { startRate: 2, increment: 2, periodS: 5, maxRate: 10 },
        start: 0 as Micros,
        end: sec(20),
      });
      drain(h);
      const m = h.metrics;
      expect(h.log.filter((s) => s.retransmission)).toEqual([]);
      expect(m.ackRetransmissions + h.server.stats.okRetransmissions).toBe(0);
      expect(h.uacTransport.stats.tcpRetransmissions).toBe(0);
      expect(m.calls.attempts).toBe(10 + 20 + 30 + 40);
      expect(m.registrations.attempts).toBe(25 + 50 + 75 + 100);
      expect(m.calls.successes).toBe(m.calls.attempts);
      expect(m.callsCompleted).toBe(m.calls.attempts);
      expect(m.registrations.successes).toBe(m.registrations.attempts);
      expect(m.callsDropped + m.callsActive).toBe(0);
      expect(h.server.dialogs.size).toBe(0);
    },
  );

  it('set-up time is the round trips plus the UAS delays: 1 RTT on UDP, 2 with a handshake', () => {
    const ring = ms(100);
    const answer = ms(300);
    const run = (t: SipTransportKind) => {
      const h = sipPair({ transport: t, uas: { ringDelay: ring, answerDelay: answer } });
      h.client.call(0);
      h.sim.at(sec(5), () => h.client.call(1));
      drain(h);
      return { pdd: h.metrics.postDialDelays, setup: h.metrics.setupTimes, rtt: 2 * h.oneWay };
    };
    const udp = run('udp');
    expect(udp.pdd).toEqual([udp.rtt + ring, udp.rtt + ring]);
    expect(udp.setup).toEqual([udp.rtt + answer, udp.rtt + answer]);
    // Persistent TCP pays the handshake once, on the first call only.
    const tcp = run('tcp');
    expect(tcp.setup).toEqual([2 * tcp.rtt + answer, tcp.rtt + answer]);
    const per = run('tcp-per-transaction');
    expect(per.pdd).toEqual([2 * per.rtt + ring, 2 * per.rtt + ring]);
    expect(per.setup).toEqual([2 * per.rtt + answer, 2 * per.rtt + answer]);
  });

  it('a call is 7 packets on UDP; TCP per transaction adds 3 + 4 to each of its 2 transactions', () => {
    const packets = (t: SipTransportKind) => {
      const h = sipPair({ transport: t });
      h.client.call(0);
      drain(h);
      expect(h.metrics.callsCompleted).toBe(1);
      return h.link.sent;
    };
    // INVITE, 100, 180, 200, ACK, BYE, 200.
    expect(packets('udp')).toBe(7);
    expect(packets('tcp')).toBe(7 + 3);
    // The ACK of the 2xx rides the INVITE's connection, closed after it.
    expect(packets('tcp-per-transaction')).toBe(7 + 2 * (3 + 4));
  });
});

describe('a silent server', () => {
  const silent = (t: SipTransportKind, what: 'register' | 'call') => {
    const h = sipPair({ transport: t, uas: { answering: false } });
    if (what === 'register') h.client.register(0);
    else h.client.call(0);
    drain(h);
    const tx = h.transactions.find((x) => x.client)?.tx;
    return { h, sends: h.log.filter((s) => s.fromClient).length, ended: tx?.terminatedAt };
  };

  it('UDP: REGISTER gives up at Timer F = 32 s after 11 transmissions', () => {
    const r = silent('udp', 'register');
    expect([r.sends, r.ended]).toEqual([11, sec(32)]);
    expect(r.h.metrics.registrations.timeouts).toBe(1);
    expect(r.h.metrics.retransmissions.register).toBe(10);
  });

  it('UDP: INVITE gives up at Timer B = 32 s after 7 transmissions', () => {
    const r = silent('udp', 'call');
    expect([r.sends, r.ended]).toEqual([7, sec(32)]);
    expect(r.h.metrics.calls.timeouts).toBe(1);
    expect(r.h.metrics.postDialDelays).toEqual([]);
  });

  it.each(['tcp', 'tcp-per-transaction'] as const)('%s: one transmission, same 32 s', (t) => {
    for (const what of ['register', 'call'] as const) {
      const r = silent(t, what);
      expect([r.sends, r.ended]).toEqual([1, sec(32)]);
      expect(r.h.metrics.requestRetransmissions).toBe(0);
    }
  });
});

describe('losses the protocol recovers', () => {
  it('a lost 200 OK to INVITE is recovered by the UAS core resending it at T1', () => {
    const h = sipPair({
      transport: 'udp',
      drop: dropFirst((m, c) => !c && m.method === SipMethod.Invite && m.status === 200),
    });
    h.client.call(0);
    drain(h);
    expect(h.server.stats.okRetransmissions).toBe(1);
    expect(h.metrics.setupTimes).toEqual([2 * h.oneWay + h.timers.t1]);
    expect(h.metrics.requestRetransmissions).toBe(0); // the 180 had stopped Timer A
    expect(h.metrics.callsCompleted).toBe(1);
  });

  it('the ACK stops the 2xx retransmissions; a lost ACK is answered by the next 2xx copy', () => {
    const h = sipPair({
      transport: 'udp',
      drop: dropFirst((m, c) => c && m.method === SipMethod.Ack),
    });
    h.client.call(0);
    drain(h);
    expect(h.log.filter((s) => !s.fromClient && is(SipMethod.Invite, 200)(s))).toHaveLength(2);
    expect(h.metrics.ackRetransmissions).toBe(1);
    expect(h.server.stats.ackTimeouts).toBe(0);
    expect(h.metrics.callsCompleted).toBe(1);
  });

  it('a 486 is ACKed by the client transaction; a lost ACK brings a 486 copy and an ACK copy', () => {
    const h = sipPair({
      transport: 'udp',
      uas: { maxDialogs: 0 },
      drop: dropFirst((m, c) => c && m.method === SipMethod.Ack),
    });
    h.client.call(0);
    drain(h);
    expect(h.log.filter(is(SipMethod.Invite, SipStatus.Busy))).toHaveLength(2);
    expect(h.log.filter(is(SipMethod.Ack, 0))).toHaveLength(2);
    expect(h.metrics.calls.errors).toBe(1);
    const server = h.transactions.find((x) => !x.client)?.tx;
    // 486 sent at 1 ms, again at 1 ms + T1 (Timer G); its ACK arrives 2 ms later and
    // confirms the transaction, which Timer I = T4 then ends.
    expect(server?.terminatedAt).toBe(h.oneWay + h.timers.t1 + 2 * h.oneWay + h.timers.t4);
  });

  it('INVITE copies reaching the UAS while it rings are answered from the transaction', () => {
    const h = sipPair({
      transport: 'udp',
      uas: { ringDelay: ms(2000), answerDelay: ms(3000) },
      drop: dropFirst((m, c) => !c && m.status === SipStatus.Trying),
    });
    h.client.call(0);
    drain(h);
    // INVITE at 0 and 0.5 s; the copy gets the 100 again, which stops Timer A.
    expect(h.log.filter((s) => s.fromClient && is(SipMethod.Invite, 0)(s))).toHaveLength(2);
    expect(h.log.filter(is(SipMethod.Invite, SipStatus.Trying))).toHaveLength(2);
    expect(h.metrics.setupTimes).toEqual([2 * h.oneWay + ms(3000)]);
  });
});

describe('dropped calls', () => {
  it('no ACK ever: the UAS sends the 2xx 10 more times, gives the dialog up at 64·T1, BYE gets 481', () => {
    const h = sipPair({
      transport: 'udp',
      holdTime: sec(60),
      drop: (p, c) => c && p.msg?.method === SipMethod.Ack,
    });
    h.client.call(0);
    drain(h);
    // 2xx copies at 0.5, 1.5, 3.5, 7.5, 11.5 … 31.5 s after the first (T1 doubling to T2).
    const copies = h.log.filter((x) => x.retransmission && is(SipMethod.Invite, 200)(x));
    const first = h.log.find((x) => !x.retransmission && is(SipMethod.Invite, 200)(x));
    expect(copies.map((x) => (x.t - (first?.t ?? 0)) / 1e6)).toEqual([
      0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5,
    ]);
    expect(h.metrics.ackRetransmissions).toBe(10);
    expect(h.server.stats.ackTimeouts).toBe(1);
    expect(h.metrics.callsDropped).toBe(1);
    expect(h.metrics.byes.errors).toBe(1);
  });

  it('a server that lost its dialogs answers the BYE 481: the call counts as dropped', () => {
    const h = sipPair({ transport: 'udp', holdTime: sec(10) });
    h.client.call(0);
    h.client.call(1);
    h.sim.at(sec(5), () => h.server.loseState());
    drain(h);
    expect(h.metrics.calls.successes).toBe(2);
    expect(h.metrics.callsDropped).toBe(2);
    expect(h.metrics.byes.errors).toBe(2);
    expect(h.server.stats.unknownDialog).toBe(2);
  });

  it('a BYE that never gets through times out (Timer F): dropped', () => {
    const h = sipPair({
      transport: 'udp',
      holdTime: sec(10),
      drop: (p, c) => c && p.msg?.method === SipMethod.Bye,
    });
    h.client.call(0);
    drain(h);
    expect(h.metrics.byes.timeouts).toBe(1);
    expect(h.metrics.callsDropped).toBe(1);
    expect(h.metrics.retransmissions.bye).toBe(10);
  });
});

describe('determinism', () => {
  const run = (seed: number) => {
    const rng = rngStream(seed, 'sip-link');
    const h = sipPair({ transport: 'tcp', holdTime: sec(2), drop: () => rng.next() < 0.1 });
    new LoadGenerator(h.sim, h.client, {
      users: 10,
      registrations: steady(5),
      calls: steady(5),
      start: 0 as Micros,
      end: sec(10),
    });
    drain(h);
    return { summary: h.metrics.summary(), packets: h.link.sent, events: h.sim.eventsFired };
  };

  it('the same seed gives the same run; another seed another', () => {
    expect(run(7)).toEqual(run(7));
    expect(run(8)).not.toEqual(run(7));
  });
});

describe('property: any loss below 100 % ends every transaction in time, counted once', () => {
  it('terminated within 64·T1 + T4 of its start; messages and outcomes add up', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SIP_TRANSPORTS),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 4 }),
        (transport, loss, seed, calls) => {
          const rng = rngStream(seed, 'sip-link');
          const h = sipPair({
            transport,
            holdTime: sec(2),
            uas: { ringDelay: ms(50), answerDelay: ms(200) },
            drop: () => rng.next() < loss,
          });
          new LoadGenerator(h.sim, h.client, {
            users: 3,
            registrations: steady(2),
            calls: steady(calls),
            start: 0 as Micros,
            end: sec(3),
          });
          drain(h);
          const { t1, t4, k, j } = h.timers;
          for (const { tx, client } of h.transactions) {
            expect(tx.state).toBe(TxState.Terminated);
            expect(tx.terminatedAt - tx.startedAt).toBeLessThanOrEqual(64 * t1 + t4);
            // And exactly when its timers say: 64·T1 without a final response; after one,
            // Timer K (non-INVITE client), Timer J (non-INVITE server), at once (INVITE 2xx).
            const after = tx.terminatedAt - tx.completedAt;
            if (tx.end !== TxEnd.Final) expect(tx.terminatedAt - tx.startedAt).toBe(64 * t1);
            else if (tx.invite) expect(after).toBe(0);
            else expect(after).toBe(client ? k : j);
          }
          expect(h.client.liveTransactions + h.server.liveTransactions).toBe(0);
          // Each SIP message handed to a transport once, each packet delivered or dropped once.
          const fromClient = h.log.filter((s) => s.fromClient).length;
          expect(h.uacTransport.stats.sipMessagesSent).toBe(fromClient);
          expect(h.uasTransport.stats.sipMessagesSent).toBe(h.log.length - fromClient);
          expect(h.link.sent).toBe(h.link.delivered + h.link.dropped);
          expect(h.link.sent).toBe(
            h.uacTransport.stats.packetsSent + h.uasTransport.stats.packetsSent,
          );
          // Each transaction's outcome counted once.
          const m = h.metrics;
          for (const o of [m.registrations, m.calls, m.byes]) {
            expect(o.successes + o.timeouts + o.errors).toBe(o.attempts);
          }
          expect(m.byes.attempts).toBe(m.calls.successes);
          expect(m.callsCompleted + m.callsDropped).toBe(m.calls.successes);
          expect(m.callsActive).toBe(0);
          const retx = h.log.filter(
            (s) => s.fromClient && s.retransmission && s.msg.method !== SipMethod.Ack,
          );
          expect(retx.length).toBe(m.requestRetransmissions);
          const okCopies = h.log.filter((s) => s.retransmission && is(SipMethod.Invite, 200)(s));
          expect(okCopies.length).toBe(h.server.stats.okRetransmissions);
          if (transport !== 'udp') expect(m.requestRetransmissions).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
