import { describe, expect, it } from 'vitest';
import { ms, sec } from '../src/sim/engine/units';
import { SIP_BYTES } from '../src/sim/sip/message';
import {
  IPV4_HEADER,
  TCP_HEADER,
  TCP_SYN_HEADER,
  UDP_HEADER,
  WireKind,
  type WirePacket,
} from '../src/sim/sip/transport';
import { sipPair } from './support/sip-link';

/** n REGISTERs, one every second, then the run drains. */
function registers(transport: Parameters<typeof sipPair>[0]['transport'], n: number) {
  const h = sipPair({ transport });
  for (let i = 0; i < n; i++) h.sim.at(sec(i), () => h.client.register(i));
  h.sim.runUntil(sec(n + 60));
  return h;
}

const packets = (h: ReturnType<typeof sipPair>) =>
  h.uacTransport.stats.packetsSent + h.uasTransport.stats.packetsSent;

describe('what each transport puts on the wire', () => {
  it('UDP: one datagram per message, IPv4 + UDP headers on the SIP bytes', () => {
    const h = registers('udp', 5);
    expect(h.metrics.registrations.successes).toBe(5);
    expect(packets(h)).toBe(10);
    expect(h.uacTransport.stats.bytesSent).toBe(
      5 * (IPV4_HEADER + UDP_HEADER + SIP_BYTES.register),
    );
    expect(h.uasTransport.stats.bytesSent).toBe(
      5 * (IPV4_HEADER + UDP_HEADER + SIP_BYTES.registerOk),
    );
  });

  it('persistent TCP: one 3-packet handshake for the run, then a segment per message', () => {
    const h = registers('tcp', 5);
    expect(h.metrics.registrations.successes).toBe(5);
    expect(packets(h)).toBe(3 + 10);
    expect(h.uacTransport.stats.handshakePackets + h.uasTransport.stats.handshakePackets).toBe(3);
    expect(h.uacTransport.stats.connectionsOpened).toBe(1);
    expect(h.uacTransport.stats.bytesSent).toBe(
      IPV4_HEADER +
        TCP_SYN_HEADER +
        IPV4_HEADER +
        TCP_HEADER +
        5 * (IPV4_HEADER + TCP_HEADER + SIP_BYTES.register),
    );
  });

  it('TCP per transaction: 3 handshake + 4 teardown packets around every transaction', () => {
    const h = registers('tcp-per-transaction', 5);
    expect(h.metrics.registrations.successes).toBe(5);
    expect(packets(h)).toBe(5 * (3 + 2 + 4));
    const hs = h.uacTransport.stats.handshakePackets + h.uasTransport.stats.handshakePackets;
    const td = h.uacTransport.stats.teardownPackets + h.uasTransport.stats.teardownPackets;
    expect([hs, td]).toEqual([15, 20]);
    expect(h.uacTransport.openConnections + h.uasTransport.openConnections).toBe(0);
  });

  it('the handshake costs a round trip before the request: REGISTER takes 2 RTT, not 1', () => {
    const udp = registers('udp', 1);
    const per = registers('tcp-per-transaction', 1);
    expect(udp.metrics.registerTimes).toEqual([2 * udp.oneWay]);
    expect(per.metrics.registerTimes).toEqual([4 * per.oneWay]);
  });

  it('charges the cost hook for every packet sent and received', () => {
    const cost = (p: WirePacket, dir: 'tx' | 'rx') =>
      (dir === 'tx' ? 10 : 15) + (p.kind === WireKind.Sip ? 5 : 0);
    const h = sipPair({ transport: 'tcp-per-transaction', cost });
    h.client.register(0);
    h.sim.runUntil(sec(10));
    // 9 packets, each sent once and received once; 2 of them carry SIP.
    const cpu = h.uacTransport.stats.cpuUs + h.uasTransport.stats.cpuUs;
    expect(cpu).toBe(9 * (10 + 15) + 2 * 2 * 5);
  });
});

describe('TCP recovers loss itself, in order', () => {
  it('a lost REGISTER segment is resent by TCP after 200 ms; SIP never retransmits', () => {
    let first = true;
    const h = sipPair({
      transport: 'tcp',
      drop: (p) => {
        if (p.kind !== WireKind.Sip || !first) return false;
        first = false;
        return true;
      },
    });
    h.client.register(0);
    h.sim.runUntil(sec(40));
    expect(h.uacTransport.stats.tcpRetransmissions).toBe(1);
    expect(h.metrics.requestRetransmissions).toBe(0);
    expect(h.metrics.registrations.successes).toBe(1);
    // handshake 2 RTT-halves + RTO 200 ms + request and response one-way each.
    expect(h.metrics.registerTimes).toEqual([2 * h.oneWay + ms(200) + 2 * h.oneWay]);
  });

  it('a lost SYN waits TCP_TIMEOUT_INIT (1 s)', () => {
    let first = true;
    const h = sipPair({
      transport: 'tcp-per-transaction',
      drop: (p) => {
        if (p.kind !== WireKind.Syn || !first) return false;
        first = false;
        return true;
      },
    });
    h.client.register(0);
    h.sim.runUntil(sec(40));
    expect(h.metrics.registerTimes).toEqual([ms(1000) + 4 * h.oneWay]);
  });

  it('holds later segments behind a lost one until its SACK brings it back (RACK: RTT/4)', () => {
    let n = 0;
    const h = sipPair({
      transport: 'tcp',
      drop: (p, fromClient) => fromClient && p.kind === WireKind.Sip && n++ === 0,
    });
    h.client.register(0);
    h.sim.at(ms(50), () => h.client.register(1));
    h.sim.runUntil(sec(40));
    const rtt = 2 * h.oneWay;
    // The second REGISTER arrives at 51 ms, out of order: held, and a SACK goes back (52 ms);
    // the hole is sent again RTT/4 later and both are delivered at once.
    const delivered = ms(50) + h.oneWay + h.oneWay + rtt / 4 + h.oneWay;
    const times = h.metrics.registerTimes;
    expect(times[0]).toBe(delivered + h.oneWay);
    expect((times[1] as number) + ms(50)).toBe(delivered + h.oneWay);
    const c = h.uacTransport.stats;
    expect([c.tcpRetransmissions, c.fastRetransmissions]).toEqual([1, 1]);
    expect(h.uasTransport.stats.sackPackets).toBe(1);
  });

  it('a peer that never answers the SYN: 1 + 6 SYNs 1, 2, 4 … 32 s apart, dropped at 127 s', () => {
    const syns: number[] = [];
    const h = sipPair({
      transport: 'tcp',
      drop: (p) => {
        if (p.kind === WireKind.Syn) syns.push(h.sim.now);
        return p.kind === WireKind.Syn;
      },
    });
    h.client.register(0);
    h.sim.runUntil(sec(126));
    expect(h.uacTransport.stats.connectionsAborted).toBe(0);
    h.sim.runUntil(sec(200));
    expect(syns.map((t) => t / 1e6)).toEqual([0, 1, 3, 7, 15, 31, 63]);
    expect(h.uacTransport.stats.tcpRetransmissions).toBe(6);
    expect(h.uacTransport.stats.connectionsAborted).toBe(1);
    // SIP gave up long before TCP did: Timer F.
    expect(h.metrics.registrations.timeouts).toBe(1);
    expect(h.transactions[0]?.tx.terminatedAt).toBe(sec(32));
  });
});
