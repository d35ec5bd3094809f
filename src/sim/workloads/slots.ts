import type { Field } from '../scenario/field';

/**
 * Workloads w1 … w8 (issue 11 item 5): any kind, on any VM, any number — the slot pattern of
 * failures f1 … f8. Each slot's fields are shared by the kinds; a field's help says which kinds
 * read it. The probes (ping, udp, web, tcp) stay as they are beside them.
 */
export const WORKLOAD_SLOT_COUNT = 8;

export type WorkloadKind = 'none' | 'stream-udp' | 'stream-tcp' | 'web' | 'transfer';

export const WORKLOAD_KINDS: readonly { readonly value: WorkloadKind; readonly label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'stream-udp', label: 'Media stream over UDP (RTP-like)' },
  { value: 'stream-tcp', label: 'Media stream over TCP (RTSP interleaved), either way' },
  { value: 'web', label: 'Web server with accept backlog, httperf-style clients' },
  { value: 'transfer', label: 'Bulk TCP transfer of a given size' },
];

export type StreamDirection = 'to-vm' | 'from-vm';

export interface WorkloadSlot {
  kind: WorkloadKind;
  /** The VM that runs the server side. */
  target: number;
  /** When the workload starts (s). */
  startS: number;
  /** Streams: packets/s. Web: new connections/s at the start. */
  rate: number;
  /** Web: new connections/s at the end of the run (a linear ramp); 0 = `rate` throughout. */
  rateEnd: number;
  /** Streams: payload bytes per packet. Web: request bytes. */
  bytes: number;
  /** Web: response size (KB). */
  replyKB: number;
  /** Streams: guest CPU per packet sent (from the VM). Web: guest CPU per request (µs). */
  costUs: number;
  direction: StreamDirection;
  /** Web: the listen backlog, min(listen()'s argument, net.core.somaxconn). */
  backlog: number;
  /** Web: the client gives up on a connection this long after its first SYN (s). */
  timeoutS: number;
  /** Transfer: size (KB), receive window (KB) and the WAN's one-way delay (ms). */
  sizeKB: number;
  windowKB: number;
  wanDelayMs: number;
}

export type WorkloadSlots = Record<string, WorkloadSlot>;

/** Client ids of the workloads' remote ends: one per slot, above the probes' (1 000 001 …). */
export const WORKLOAD_CLIENT_BASE = 1_100_000;
export const workloadClient = (slot: number): number => WORKLOAD_CLIENT_BASE + slot;
export const isWorkloadClient = (client: number): boolean =>
  client > WORKLOAD_CLIENT_BASE && client <= WORKLOAD_CLIENT_BASE + WORKLOAD_SLOT_COUNT;
export const slotOfClient = (client: number): number => client - WORKLOAD_CLIENT_BASE;

const num = (
  path: string,
  label: string,
  unit: string,
  min: number,
  max: number,
  step: number,
  def: number,
  help: string,
  kind: 'int' | 'number' = 'number',
): Field => ({ path, kind, group: 'workloads', label, unit, min, max, step, default: def, help });

function slotFields(n: number): Field[] {
  const p = `workloads.w${n}`;
  const l = (s: string) => `Workload ${n}: ${s}`;
  return [
    {
      path: `${p}.kind`,
      kind: 'enum',
      group: 'workloads',
      label: l('kind'),
      options: WORKLOAD_KINDS,
      default: 'none',
      help: 'What runs. Streams report throughput, loss, delay and jitter; the web server reply rate, connection time and errors (time-outs) with the SYNs its full backlog dropped; a transfer its completion time.',
    },
    num(`${p}.target`, l('VM'), '', 1, 8, 1, 1, 'The VM that runs the server end.', 'int'),
    num(`${p}.startS`, l('start'), 's', 0, 3600, 0.1, 1, 'When it starts.'),
    num(
      `${p}.rate`,
      l('rate'),
      '/s',
      0.1,
      100000,
      0.1,
      50,
      'Streams: packets per second. Web: new connections per second at the start (httperf --rate: one connection every 1/rate s).',
    ),
    num(
      `${p}.rateEnd`,
      l('rate at the end'),
      '/s',
      0,
      100000,
      0.1,
      0,
      'Web: connections per second at the end of the run; the rate ramps linearly from the start rate (0: no ramp).',
    ),
    num(
      `${p}.bytes`,
      l('payload / request'),
      'B',
      1,
      1400,
      1,
      160,
      'Streams: payload per packet (UDP and IPv4 headers, 28 B, or TCP and RTSP interleaving, 56 B, are added). Web: request size (an HTTP GET with headers, about 400 B).',
      'int',
    ),
    num(`${p}.replyKB`, l('response'), 'KB', 0.1, 10000, 0.1, 10, 'Web: response size.'),
    num(
      `${p}.costUs`,
      l('guest CPU'),
      'µs',
      1,
      100000,
      1,
      100,
      'Web: guest CPU per request (the server’s work: its throughput bound is 1/cost). Streams from the VM: CPU to send one packet. TCP streams to the VM: the application’s CPU to read one segment (the kernel’s receive and ACK come on top). UDP streams to the VM are read at the UDP probe’s cost (udp.costUs). Estimate.',
      'int',
    ),
    {
      path: `${p}.direction`,
      kind: 'enum',
      group: 'workloads',
      label: l('direction'),
      options: [
        { value: 'to-vm', label: 'To the VM (a client sends)' },
        { value: 'from-vm', label: 'From the VM (the VM sends)' },
      ],
      default: 'to-vm',
      help: 'Streams: who sends. Over TCP, to the VM is a client pushing its media (RTSP RECORD), from the VM a streaming server (RTSP PLAY). Before scenario version 4 a TCP stream always came from the VM.',
    },
    num(
      `${p}.backlog`,
      l('accept backlog'),
      'conn',
      1,
      65535,
      1,
      128,
      'Web: the accept queue, min(listen() backlog, net.core.somaxconn). somaxconn was 128 until Linux 5.4 and 4096 since (include/linux/socket.h SOMAXCONN); nginx and Apache ask for 511. The queue holds backlog + 1 (sk_acceptq_is_full tests >, include/net/sock.h); a SYN that finds it full is dropped.',
      'int',
    ),
    num(
      `${p}.timeoutS`,
      l('client time-out'),
      's',
      0.1,
      600,
      0.1,
      5,
      'Web: httperf --timeout: a connection without its reply this long after its first SYN is an error. SYNs are resent after 1, 2, 4 … s (RFC 6298 initial RTO 1 s, doubled; Linux tcp_syn_retries = 6).',
    ),
    num(`${p}.sizeKB`, l('transfer size'), 'KB', 1, 1000000, 1, 1024, 'Transfer: bytes to send.'),
    num(
      `${p}.windowKB`,
      l('receive window'),
      'KB',
      1,
      16384,
      1,
      64,
      'Transfer: the receiver’s window; at most this much is unacknowledged (throughput ≤ window / RTT).',
    ),
    num(
      `${p}.wanDelayMs`,
      l('WAN delay'),
      'ms',
      0,
      1000,
      1,
      20,
      'Transfer: one-way delay of the WAN between the remote sender and the LAN (added to the LAN delay).',
    ),
  ];
}

export const WORKLOAD_SLOT_FIELDS: readonly Field[] = Array.from(
  { length: WORKLOAD_SLOT_COUNT },
  (_, i) => slotFields(i + 1),
).flat();

/** When a workload starts (µs): its start time, but not before the world's clients (200 ms). */
export const workloadStartUs = (w: WorkloadSlot): number => Math.max(w.startS * 1e6, 200_000);

/** The workloads that are set, in slot order. */
export function activeWorkloads(w: WorkloadSlots | undefined): { slot: number; w: WorkloadSlot }[] {
  const out: { slot: number; w: WorkloadSlot }[] = [];
  for (let n = 1; n <= WORKLOAD_SLOT_COUNT; n++) {
    const x = w?.[`w${n}`];
    if (x && x.kind !== 'none') out.push({ slot: n, w: x });
  }
  return out;
}
