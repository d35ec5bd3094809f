import { describe, expect, it } from 'vitest';
import { Simulator } from '../src/sim/engine/simulator';
import { ms, sec } from '../src/sim/engine/units';
import { ClientTransaction, type ClientTransactionUser } from '../src/sim/sip/client-transaction';
import { SipMethod, SipStatus, request, response, type SipMessage } from '../src/sim/sip/message';
import { ServerTransaction } from '../src/sim/sip/server-transaction';
import { sipTimers, type SipTransportKind } from '../src/sim/sip/timers';
import { TxEnd, TxState, type SipSend } from '../src/sim/sip/transaction-state';

interface Sent {
  t: number;
  msg: SipMessage;
  retx: boolean;
}

function recorder(sim: Simulator): { sent: Sent[]; send: SipSend } {
  const sent: Sent[] = [];
  return { sent, send: (msg, _key, retx) => sent.push({ t: sim.now, msg, retx }) };
}

function clientTu() {
  const events: string[] = [];
  const tu: ClientTransactionUser = {
    onResponse: (_tx, res, now) => events.push(`${res.status}@${now}`),
    onTimeout: (_tx, now) => events.push(`timeout@${now}`),
    onTerminated: (_tx, now) => events.push(`terminated@${now}`),
  };
  return { events, tu };
}

function client(kind: SipTransportKind, method: SipMethod) {
  const sim = new Simulator();
  const { sent, send } = recorder(sim);
  const { events, tu } = clientTu();
  const req = request(method, 7, method === SipMethod.Register ? -1 : 3, 1, 0);
  const tx = new ClientTransaction(sim, sipTimers(kind), send, tu, req);
  return { sim, sent, events, tx, req };
}

const seconds = (xs: readonly Sent[]): number[] => xs.map((s) => s.t / 1e6);

describe('client transactions against a silent server', () => {
  it('non-INVITE over UDP: 11 transmissions (E: 0.5, 1, 2, 4, 4 … s), Timer F at 32 s', () => {
    const c = client('udp', SipMethod.Register);
    c.sim.runUntil(sec(100));
    expect(seconds(c.sent)).toEqual([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5]);
    expect(c.sent.filter((s) => s.retx)).toHaveLength(10);
    expect(c.events).toEqual([`timeout@${sec(32)}`, `terminated@${sec(32)}`]);
    expect(c.tx.end).toBe(TxEnd.Timeout);
    expect(c.tx.transmissions).toBe(11);
  });

  it('INVITE over UDP: 7 transmissions (A: 0.5, 1, 2, 4, 8, 16 s), Timer B at 32 s', () => {
    const c = client('udp', SipMethod.Invite);
    c.sim.runUntil(sec(100));
    expect(seconds(c.sent)).toEqual([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5]);
    expect(c.events).toEqual([`timeout@${sec(32)}`, `terminated@${sec(32)}`]);
  });

  it('over TCP: one transmission and the same 64·T1 timeout', () => {
    for (const m of [SipMethod.Invite, SipMethod.Register]) {
      const c = client('tcp', m);
      c.sim.runUntil(sec(100));
      expect(c.sent).toHaveLength(1);
      expect(c.tx.terminatedAt).toBe(sec(32));
    }
  });
});

describe('client transactions with answers', () => {
  it('non-INVITE: 1xx moves to Proceeding and E goes to T2; a final response starts Timer K', () => {
    const c = client('udp', SipMethod.Register);
    c.sim.runUntil(ms(600)); // sent at 0 and 0.5 s
    c.tx.receive(response(c.req, SipStatus.Trying), c.sim.now);
    expect(c.tx.state).toBe(TxState.Proceeding);
    c.sim.runUntil(ms(6000)); // next at 1.5 s (interval 1 s was armed), then every 4 s
    expect(seconds(c.sent)).toEqual([0, 0.5, 1.5, 5.5]);
    c.tx.receive(response(c.req, SipStatus.Ok), c.sim.now);
    expect(c.tx.state).toBe(TxState.Completed);
    c.tx.receive(response(c.req, SipStatus.Ok), c.sim.now); // absorbed
    c.sim.runUntil(sec(100));
    expect(c.tx.terminatedAt).toBe(ms(6000) + ms(5000));
    expect(c.events).toEqual([`100@${ms(600)}`, `200@${ms(6000)}`, `terminated@${ms(11_000)}`]);
  });

  it('INVITE: a 486 is ACKed on the same branch, copies ACKed again, Timer D 32 s', () => {
    const c = client('udp', SipMethod.Invite);
    c.sim.runUntil(ms(100));
    const busy = response(c.req, SipStatus.Busy);
    c.tx.receive(busy, c.sim.now);
    c.sim.runUntil(ms(200));
    c.tx.receive(busy, c.sim.now);
    c.sim.runUntil(sec(100));
    const acks = c.sent.filter((s) => s.msg.method === SipMethod.Ack);
    expect(acks.map((a) => [a.msg.tx, a.retx])).toEqual([
      [7, false],
      [7, true],
    ]);
    expect(c.sent.filter((s) => s.msg.method === SipMethod.Invite)).toHaveLength(1);
    expect(c.tx.terminatedAt).toBe(ms(100) + sec(32));
    expect(c.events).toEqual([`486@${ms(100)}`, `terminated@${ms(32_100)}`]);
  });

  it('INVITE: 180 stops retransmissions; a 2xx ends the transaction at once, no ACK from it', () => {
    const c = client('udp', SipMethod.Invite);
    c.sim.runUntil(ms(700));
    c.tx.receive(response(c.req, SipStatus.Ringing), c.sim.now);
    c.sim.runUntil(sec(20));
    expect(c.sent).toHaveLength(2);
    c.tx.receive(response(c.req, SipStatus.Ok), c.sim.now);
    expect(c.tx.state).toBe(TxState.Terminated);
    expect(c.sent).toHaveLength(2);
    // Timer B (32 s) only concerns Calling: nothing more happens.
    c.sim.runUntil(sec(100));
    expect(c.events).toEqual([`180@${ms(700)}`, `200@${sec(20)}`, `terminated@${sec(20)}`]);
  });
});

function server(kind: SipTransportKind, method: SipMethod) {
  const sim = new Simulator();
  const { sent, send } = recorder(sim);
  const ended: number[] = [];
  let noAck = 0;
  const req = request(method, 9, 4, 1, 0);
  const tx = new ServerTransaction(
    sim,
    sipTimers(kind),
    send,
    { onTerminated: (_t, now) => ended.push(now), onNoAck: () => noAck++ },
    req,
  );
  return { sim, sent, tx, req, ended, noAck: () => noAck };
}

describe('server transactions', () => {
  it('INVITE: 100 at once; a copy of the INVITE gets the last provisional again', () => {
    const s = server('udp', SipMethod.Invite);
    expect(s.sent.map((x) => x.msg.status)).toEqual([100]);
    s.tx.respond(SipStatus.Ringing);
    s.tx.receive(s.req, s.sim.now);
    expect(s.sent.map((x) => [x.msg.status, x.retx])).toEqual([
      [100, false],
      [180, false],
      [180, true],
    ]);
    expect(s.tx.absorbed).toBe(1);
  });

  it('INVITE 486 over UDP: G retransmits (0.5, 1, 2, 4, 4 s) until the ACK, then I = T4', () => {
    const s = server('udp', SipMethod.Invite);
    s.tx.respond(SipStatus.Busy);
    s.sim.runUntil(ms(9000));
    const finals = s.sent.filter((x) => x.msg.status === SipStatus.Busy);
    expect(seconds(finals)).toEqual([0, 0.5, 1.5, 3.5, 7.5]);
    s.tx.receive(request(SipMethod.Ack, 9, 4, 1, 0), s.sim.now);
    expect(s.tx.state).toBe(TxState.Confirmed);
    s.sim.runUntil(sec(100));
    expect(s.sent.filter((x) => x.msg.status === SipStatus.Busy)).toHaveLength(5);
    expect(s.ended).toEqual([ms(9000) + ms(5000)]);
    expect(s.tx.transmissions).toBe(5);
  });

  it('INVITE 486 without an ACK: Timer H ends it at 64·T1 and tells the TU', () => {
    const s = server('udp', SipMethod.Invite);
    s.tx.respond(SipStatus.Busy);
    s.sim.runUntil(sec(100));
    expect(s.ended).toEqual([sec(32)]);
    expect(s.tx.end).toBe(TxEnd.NoAck);
    expect(s.noAck()).toBe(1);
  });

  it('INVITE 486 over TCP: no G; the ACK ends it at once (I = 0)', () => {
    const s = server('tcp', SipMethod.Invite);
    s.tx.respond(SipStatus.Busy);
    s.sim.runUntil(sec(2));
    s.tx.receive(request(SipMethod.Ack, 9, 4, 1, 0), s.sim.now);
    expect(s.sent.filter((x) => x.msg.status === SipStatus.Busy)).toHaveLength(1);
    expect(s.ended).toEqual([sec(2)]);
  });

  it('INVITE 200 ends the server transaction at once (the core retransmits the 2xx)', () => {
    const s = server('udp', SipMethod.Invite);
    s.tx.respond(SipStatus.Ok);
    expect(s.tx.state).toBe(TxState.Terminated);
    s.sim.runUntil(sec(100));
    expect(s.sent.map((x) => x.msg.status)).toEqual([100, 200]);
  });

  it('non-INVITE: copies in Trying are dropped, in Completed answered; J = 64·T1 (0 on TCP)', () => {
    const s = server('udp', SipMethod.Register);
    s.tx.receive(s.req, s.sim.now);
    expect(s.sent).toHaveLength(0);
    s.sim.runUntil(ms(10));
    s.tx.respond(SipStatus.Ok);
    s.tx.receive(s.req, s.sim.now);
    expect(s.sent.map((x) => x.retx)).toEqual([false, true]);
    s.sim.runUntil(sec(100));
    expect(s.ended).toEqual([ms(10) + sec(32)]);

    const t = server('tcp', SipMethod.Register);
    t.tx.respond(SipStatus.Ok);
    expect(t.ended).toEqual([0]);
  });
});
