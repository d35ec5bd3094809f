import type { Field } from '../scenario/field';

/** tc shapes in the driver domain after the copy; DBA-VM limits at the netfront before it. */
export type TxPolicy = 'none' | 'tc' | 'dba';

/** Driver-domain and NIC transmit parameters. */
export interface NicParams {
  txPolicy: TxPolicy;
  memBaseUs: number;
  memPerByteNs: number;
  qdiscPackets: number;
  readjustMs: number;
  driverDomainCores: number;
  rxInterruptRate: number;
}

export const NIC_FIELDS: readonly Field[] = [
  {
    path: 'nic.txPolicy',
    kind: 'enum',
    group: 'nic',
    label: 'Transmit control',
    options: [
      { value: 'none', label: 'None — vifs share natively' },
      { value: 'tc', label: 'tc in the driver domain' },
      { value: 'dba', label: 'DBA-VM (SLA allocation)' },
    ],
    default: 'none',
    help: 'None: netback serves the vifs in turn. tc: per-vif shaping to the SLA in the driver domain, dropping after the copy (memory already spent). DBA-VM: allocations from the SLAs, enforced at the netfront before the copy.',
  },
  {
    path: 'nic.memBaseUs',
    kind: 'number',
    group: 'nic',
    label: 'Memory time per packet (a)',
    unit: 'µs',
    min: 0,
    max: 100,
    step: 0.01,
    default: 4.33,
    help: 'Fixed memory-bus time to move one packet through the driver domain (grant copy, descriptors). Calibrated from DBA-VM scenario 2: 74.4 k 64-byte and 42.3 k 1518-byte frames per second share the bus equally ⇒ a + 64·b = 4.48 µs, a + 1518·b = 7.88 µs.',
  },
  {
    path: 'nic.memPerByteNs',
    kind: 'number',
    group: 'nic',
    label: 'Memory time per byte (b)',
    unit: 'ns/B',
    min: 0,
    max: 100,
    step: 0.01,
    default: 2.34,
    help: 'Memory-bus time per frame byte copied. Calibrated with a (above) from DBA-VM scenario 2.',
  },
  {
    path: 'nic.qdiscPackets',
    kind: 'int',
    group: 'nic',
    label: 'Driver-domain queue to the NIC',
    unit: 'packets',
    min: 10,
    max: 100000,
    step: 10,
    default: 1000,
    help: 'Packets the driver domain’s qdisc holds for the NIC (Linux txqueuelen, DEFAULT_TX_QUEUE_LEN = 1000), in front of the NIC’s own 256 TX descriptors; the VoIP VM’s output and the bulk senders share it. Beyond it, packets are dropped (after their copy, for bulk traffic).',
  },
  {
    path: 'nic.readjustMs',
    kind: 'int',
    group: 'nic',
    label: 'DBA-VM readjust period',
    unit: 'ms',
    min: 10,
    max: 10000,
    step: 10,
    default: 500,
    help: 'How often the DBA-VM daemon measures demand and recomputes the allocations.',
  },
  {
    path: 'nic.driverDomainCores',
    kind: 'int',
    group: 'nic',
    label: 'Driver-domain cores for netback',
    unit: 'cores',
    min: 1,
    max: 8,
    step: 1,
    default: 2,
    help: 'Cores the driver domain’s netback threads use for bulk traffic, each packet costing “dom0 CPU per packet” (host group). The lab’s one dom0 vCPU stands for them: a netback poll of k bulk frames takes k · cost / cores of it, in the same queue as the VoIP packets’ netback work. The DBA-VM testbed gives the driver domain cores of its own; at its 191 kpkt/s ceiling two cores are about half busy, so the memory bus, not the CPU, is the limit.',
  },
  {
    path: 'nic.rxInterruptRate',
    kind: 'int',
    group: 'nic',
    label: 'NIC receive interrupts at most',
    unit: '/s',
    min: 0,
    max: 1000000,
    step: 1000,
    default: 20000,
    help: 'Interrupt moderation of the NIC’s receive side: at most this many interrupts per second; the frames that landed since the last one reach netback together, as one NAPI poll. Default: the Intel e1000/e1000e driver’s dynamic conservative mode (InterruptThrottleRate = 3, the default), which runs small-packet traffic at 20 000 interrupts/s (Linux Documentation/networking/device_drivers/ethernet/intel/e1000e.rst, 5.10). 0: an interrupt per frame.',
  },
];
