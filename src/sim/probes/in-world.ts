import { rngStream } from '../engine/rng';
import type { Simulator } from '../engine/simulator';
import type { TraceRecorder } from '../engine/trace';
import { ms, type Micros } from '../engine/units';
import { DelayLink } from '../net/link';
import type { Packet, PacketLedger } from '../net/packet';
import type { Scenario } from '../scenario/scenario';
import { PingClient } from './ping';
import { tcpProbe, type TcpProbe } from './tcp-probe';
import { UdpStream } from './udp-stream';
import { WebClient } from './web-client';

/** The world's probes (each when enabled) and the downlinks their answers come back on. */
export interface WorldProbes {
  readonly ping: PingClient | undefined;
  readonly udp: UdpStream | undefined;
  readonly web: WebClient | undefined;
  readonly tcp: TcpProbe | undefined;
  readonly pingDown: DelayLink;
  readonly probeDown: DelayLink;
  readonly tcpDown: DelayLink;
}

/** What the probes need from the world. */
export interface ProbeContext {
  readonly sim: Simulator;
  readonly trace: TraceRecorder;
  readonly ledger: PacketLedger;
  readonly s: Scenario;
  readonly seed: number;
  readonly start: Micros;
  readonly end: Micros;
  /** Client ↔ host one-way delay and its random extra (µs). */
  readonly lan: number;
  readonly extra: number;
  /** A client ↔ host link with its own named random stream. */
  readonly link: (name: string) => DelayLink;
  /** Sends a client's packet up its link to wherever the service address points. */
  readonly toService: (l: DelayLink, p: Packet) => void;
}

/** Starts ping, the UDP stream, the web clients and the TCP sender of the scenario. */
export function startProbes(c: ProbeContext): WorldProbes {
  const { sim, ledger, s, start, end } = c;
  const pingUp = c.link('ping:up');
  const ping = s.ping.enabled
    ? new PingClient(
        sim,
        c.trace,
        ledger,
        s.ping,
        start,
        end,
        (p) => c.toService(pingUp, p),
        rngStream(c.seed, 'ping:client'),
      )
    : undefined;
  const probeUp = c.link('probe:up');
  const toProbe = (p: Packet) => c.toService(probeUp, p);
  const udp = s.udp.enabled ? new UdpStream(sim, ledger, s.udp, start, end, toProbe) : undefined;
  const web = s.web.enabled
    ? new WebClient(sim, ledger, s.web, start, end, toProbe, rngStream(c.seed, 'web:clients'))
    : undefined;
  // The remote TCP sender sits behind the WAN delay, both ways.
  const far = (c.lan + ms(s.tcp.wanDelayMs)) as Micros;
  const tcpLink = (name: string) =>
    new DelayLink(sim, far, c.extra as Micros, rngStream(c.seed, name));
  const tcpUp = tcpLink('tcp:up');
  const tcp = s.tcp.enabled
    ? tcpProbe(sim, ledger, s.tcp, start, end, (p) => c.toService(tcpUp, p))
    : undefined;
  return {
    ping,
    udp,
    web,
    tcp,
    pingDown: c.link('ping:down'),
    probeDown: c.link('probe:down'),
    tcpDown: tcpLink('tcp:down'),
  };
}
