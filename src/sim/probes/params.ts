import type { Field } from '../scenario/field';

/** iperf-like UDP stream from a LAN client to a VM. */
export interface UdpProbeParams {
  enabled: boolean;
  target: number;
  rateMbps: number;
  /** Datagrams per second; 0: send at rateMbps. */
  pps: number;
  bytes: number;
  costUs: number;
}

/** HTTP-like requests from LAN clients to a web server in a VM. */
export interface WebProbeParams {
  enabled: boolean;
  target: number;
  rate: number;
  costUs: number;
  responseKB: number;
}

/** A window-limited TCP bulk transfer from a remote client to a VM, across a WAN. */
export interface TcpProbeParams {
  enabled: boolean;
  target: number;
  windowKB: number;
  wanDelayMs: number;
  costUs: number;
  /** Size of a transfer that finishes (slow start, RTO); 0: the endless window-limited flow. */
  transferKB: number;
}

const vmTarget = (path: string): Field => ({
  path,
  kind: 'int',
  group: 'probes',
  label: 'Target VM',
  unit: 'VM',
  min: 1,
  max: 8,
  step: 1,
  default: 1,
  help: 'Which VM runs the service (vm1 is the VoIP VM).',
});

export const UDP_FIELDS: readonly Field[] = [
  {
    path: 'udp.enabled',
    kind: 'bool',
    group: 'probes',
    label: 'UDP stream (iperf -u)',
    default: false,
    help: 'A LAN client sends UDP at a constant rate; the VM’s receiver reports jitter (RFC 3550 over the sender’s timestamps, as iperf does) and loss.',
  },
  vmTarget('udp.target'),
  {
    path: 'udp.rateMbps',
    kind: 'number',
    group: 'probes',
    label: 'UDP rate',
    unit: 'Mb/s',
    min: 0.01,
    max: 1000,
    step: 0.01,
    default: 1,
    help: 'Sender rate at the IP level (iperf -b).',
  },
  {
    path: 'udp.pps',
    kind: 'number',
    group: 'probes',
    label: 'UDP packet rate',
    unit: 'pkt/s',
    min: 0,
    max: 100000,
    step: 1,
    default: 0,
    help: 'Send this many datagrams per second instead of the bit rate (0: use the bit rate). An outage probe: R7 measured live-migration outages with UDP probes at 10 and 100 pkt/s; the longest gap less one period is the outage it saw.',
  },
  {
    path: 'udp.bytes',
    kind: 'int',
    group: 'probes',
    label: 'UDP datagram',
    unit: 'B',
    min: 28,
    max: 1500,
    step: 1,
    default: 1470,
    help: 'IP packet size (iperf’s default 1470-byte payload is 1498 B of IP; 1470 keeps it under the MTU).',
  },
  {
    path: 'udp.costUs',
    kind: 'int',
    group: 'probes',
    label: 'Guest CPU per datagram',
    unit: 'µs',
    min: 1,
    max: 1000,
    step: 1,
    default: 5,
    help: 'Receiver CPU per datagram. Estimate.',
  },
];

export const WEB_FIELDS: readonly Field[] = [
  {
    path: 'web.enabled',
    kind: 'bool',
    group: 'probes',
    label: 'Web server',
    default: false,
    help: 'LAN clients send requests (Poisson arrivals); the VM spends CPU on each, then answers; the clients measure response times.',
  },
  vmTarget('web.target'),
  {
    path: 'web.rate',
    kind: 'number',
    group: 'probes',
    label: 'Requests',
    unit: '/s',
    min: 0.1,
    max: 5000,
    step: 0.1,
    default: 20,
    help: 'Mean request rate.',
  },
  {
    path: 'web.costUs',
    kind: 'int',
    group: 'probes',
    label: 'CPU per request',
    unit: 'µs',
    min: 1,
    max: 100000,
    step: 10,
    default: 2000,
    help: 'Guest CPU to serve one request (a dynamic page). Estimate.',
  },
  {
    path: 'web.responseKB',
    kind: 'int',
    group: 'probes',
    label: 'Response size',
    unit: 'KB',
    min: 1,
    max: 64,
    step: 1,
    default: 10,
    help: 'Bytes sent back per request (one burst through the NIC).',
  },
];

export const TCP_FIELDS: readonly Field[] = [
  {
    path: 'tcp.enabled',
    kind: 'bool',
    group: 'probes',
    label: 'TCP bulk transfer over a WAN',
    default: false,
    help: 'A remote client streams data to the VM with a fixed window; every ACK waits for the VM to get a CPU, so CPU access latency cuts throughput (window / round-trip time).',
  },
  vmTarget('tcp.target'),
  {
    path: 'tcp.windowKB',
    kind: 'int',
    group: 'probes',
    label: 'TCP window',
    unit: 'KB',
    min: 4,
    max: 4096,
    step: 4,
    default: 64,
    help: 'Receive window (no window scaling: 64 KB).',
  },
  {
    path: 'tcp.wanDelayMs',
    kind: 'number',
    group: 'probes',
    label: 'WAN one-way delay',
    unit: 'ms',
    min: 0,
    max: 500,
    step: 1,
    default: 20,
    help: 'Added delay between the remote client and the host, each way (netem).',
  },
  {
    path: 'tcp.costUs',
    kind: 'int',
    group: 'probes',
    label: 'Guest CPU per segment',
    unit: 'µs',
    min: 1,
    max: 1000,
    step: 1,
    default: 4,
    help: 'Receiver CPU per 1448-byte segment (including its ACK). Estimate.',
  },
  {
    path: 'tcp.transferKB',
    kind: 'int',
    group: 'probes',
    label: 'TCP transfer size',
    unit: 'KB',
    min: 0,
    max: 10000000,
    step: 1,
    default: 0,
    help: 'A transfer of this size that finishes and reports its completion time: slow start from 10 segments (RFC 6928, Linux’s initial window), window limit, retransmission timer of RFC 6298 (minimum 1 s, doubled per expiry). 0: the endless window-limited flow.',
  },
];
