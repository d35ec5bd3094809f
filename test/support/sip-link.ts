import { Simulator } from '../../src/sim/engine/simulator';
import { ms, type Micros } from '../../src/sim/engine/units';
import type { SipMessage } from '../../src/sim/sip/message';
import { SipMetrics } from '../../src/sim/sip/sip-metrics';
import type { StateWriteSink } from '../../src/sim/sip/state-tables';
import { sipTimers, type SipTransportKind } from '../../src/sim/sip/timers';
import type { SipSend, TxRecord } from '../../src/sim/sip/transaction-state';
import { SipTransport, type PacketCost, type WirePacket } from '../../src/sim/sip/transport';
import { UserAgentClient } from '../../src/sim/sip/user-agent-client';
import { DEFAULT_UAS, UserAgentServer, type UasParams } from '../../src/sim/sip/user-agent-server';

/** A SIP message handed to a transport, as the stacks saw it. */
export interface SentMessage {
  readonly t: number;
  readonly fromClient: boolean;
  readonly msg: SipMessage;
  readonly retransmission: boolean;
}

export interface SipPairOptions {
  readonly transport: SipTransportKind;
  /** One-way delay of the link (default 1 ms). */
  readonly oneWay?: Micros;
  /** Whether the link drops this packet (called once per packet sent, in send order). */
  readonly drop?: (p: WirePacket, fromClient: boolean) => boolean;
  readonly uas?: Partial<UasParams>;
  readonly holdTime?: Micros;
  readonly cost?: PacketCost;
  readonly sink?: StateWriteSink;
}

/**
 * A UAC population and a UAS joined by a link with a fixed delay and a drop function: the
 * end-to-end harness of the SIP tests. Every SIP message the stacks send is logged; every
 * packet the transports emit is delivered after the delay or dropped (then the sender's
 * transport is told, as a missing TCP ACK would tell it).
 */
export function sipPair(o: SipPairOptions) {
  const sim = new Simulator();
  const timers = sipTimers(o.transport);
  const oneWay = o.oneWay ?? ms(1);
  const log: SentMessage[] = [];
  const transactions: { tx: TxRecord; client: boolean }[] = [];
  const link = { sent: 0, delivered: 0, dropped: 0 };
  const metrics = new SipMetrics();

  const ends: { uac?: SipTransport; uas?: SipTransport } = {};
  const wire = (fromClient: boolean) => (p: WirePacket) => {
    link.sent++;
    const from = fromClient ? ends.uac : ends.uas;
    const to = fromClient ? ends.uas : ends.uac;
    if (o.drop?.(p, fromClient)) {
      link.dropped++;
      from?.lost(p, sim.now);
      return;
    }
    sim.after(oneWay, (now) => {
      link.delivered++;
      to?.receive(p, now);
    });
  };
  const logged =
    (fromClient: boolean, t: () => SipTransport): SipSend =>
    (msg, key, retransmission) => {
      log.push({ t: sim.now, fromClient, msg, retransmission });
      t().send(msg, key);
    };

  const uacT = (): SipTransport => ends.uac as SipTransport;
  const uasT = (): SipTransport => ends.uas as SipTransport;
  const client = new UserAgentClient(
    sim,
    timers,
    logged(true, uacT),
    (key) => uacT().release(key),
    { holdTime: o.holdTime ?? ms(1000), setupTimeout: timers.b },
    metrics,
    (tx) => transactions.push({ tx, client: true }),
  );
  const server = new UserAgentServer(
    sim,
    timers,
    logged(false, uasT),
    { ...DEFAULT_UAS, ...o.uas },
    o.sink,
    (tx) => transactions.push({ tx, client: false }),
  );
  ends.uac = new SipTransport(
    sim,
    o.transport,
    0,
    wire(true),
    (m, now) => client.receive(m, now),
    o.cost,
  );
  ends.uas = new SipTransport(
    sim,
    o.transport,
    1,
    wire(false),
    (m, now) => server.receive(m, now),
    o.cost,
  );
  return {
    sim,
    timers,
    oneWay,
    client,
    server,
    metrics,
    log,
    link,
    transactions,
    uacTransport: uacT(),
    uasTransport: uasT(),
  };
}

export type SipPair = ReturnType<typeof sipPair>;
