import type { Field } from '../scenario/field';

/** Client-side network parameters. */
export interface NetworkParams {
  lanDelayMs: number;
  extraDelayMs: number;
  nicGbps: number;
}

export const NETWORK_FIELDS: readonly Field[] = [
  {
    path: 'network.lanDelayMs',
    kind: 'number',
    group: 'network',
    label: 'Client ↔ host one-way delay',
    unit: 'ms',
    min: 0,
    max: 200,
    step: 0.1,
    default: 0.1,
    help: 'Fixed one-way propagation delay between each client and the hosts (a LAN: ~0.1 ms).',
  },
  {
    path: 'network.extraDelayMs',
    kind: 'number',
    group: 'network',
    label: 'Random extra delay (netem)',
    unit: 'ms',
    min: 0,
    max: 100,
    step: 1,
    default: 0,
    help: 'Each packet gets an extra one-way delay drawn uniformly from [0, this] (netem delay without correlation; packets may reorder).',
  },
  {
    path: 'network.nicGbps',
    kind: 'number',
    group: 'network',
    label: 'NIC line rate',
    unit: 'Gb/s',
    min: 0.01,
    max: 100,
    step: 0.01,
    default: 1,
    help: 'Host NIC rate, counted in on-wire bytes (frame + preamble 8 B + inter-frame gap 12 B).',
  },
];
