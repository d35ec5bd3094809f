import type { Field } from '../scenario/field';
import { VM_SLOT_COUNT } from './vm-params';

/**
 * Where each VM runs, which services it carries and how it is protected (ADR 16). vm1 is the
 * classic VoIP VM: SIP registrar/proxy and media relay together, on h1, Remus-protected towards h2.
 * R6's recommended deployment splits them: a signalling VM under Net and a media VM under No-Net
 * (or TCP-only), on separate hosts.
 */
export type Protection = 'none' | 'remus' | 'standby' | 'restart';
export type RemusPolicyChoice = 'inherit' | 'net' | 'none' | 'tcp-only';

export interface VmRole {
  /** Host number (1–4); 0 = a copy on every host (a per-host workload such as a CPU burner). */
  host: number;
  protection: Protection;
  /** Where the Remus replica runs, or where the cluster manager restarts the VM. */
  backupHost: number;
  remusPolicy: RemusPolicyChoice;
  /** Remus interval of this VM, ms; 0 = replication.intervalMs. */
  remusIntervalMs: number;
  /** SIP registrar and proxy. */
  sip: boolean;
  /** RTPProxy-like media relay (or the call endpoint in endpoint mode). */
  media: boolean;
}

function roleFields(k: number): Field[] {
  const p = `vms.vm${k}`;
  const who = k === 1 ? 'The VoIP VM' : `VM ${k}`;
  return [
    {
      path: `${p}.host`,
      kind: 'int',
      group: 'vms',
      label: `${who}: runs on host`,
      unit: '',
      min: 0,
      max: 4,
      step: 1,
      default: k === 1 ? 1 : 0,
      help: 'The host (1–4) it runs on. 0 = a copy on every host, as a per-host workload (a CPU burner, a bulk sender); such a copy has no service address and no protection.',
    },
    {
      path: `${p}.protection`,
      kind: 'enum',
      group: 'vms',
      label: `${who}: protection`,
      options: [
        { value: 'none', label: 'None — down until repaired' },
        { value: 'remus', label: 'Remus — continuous checkpoints to a backup' },
        {
          value: 'standby',
          label: 'Standby — cluster manager resumes a standby copy (state lost)',
        },
        { value: 'restart', label: 'Restart — cluster manager boots it on the backup host' },
      ],
      default: k === 1 ? 'remus' : 'none',
      help: 'Remus keeps a hot replica on the backup host and resumes it from the last acknowledged checkpoint. Standby: a booted copy waits on the backup host and the cluster manager moves the service to it (what was in memory is lost). Restart: the cluster manager boots the VM on the backup host (restart time). None: down until repaired.',
    },
    {
      path: `${p}.backupHost`,
      kind: 'int',
      group: 'vms',
      label: `${who}: backup host`,
      unit: '',
      min: 1,
      max: 4,
      step: 1,
      default: 2,
      help: 'The host that holds the Remus replica, or where the cluster manager restarts the VM. Must differ from the host it runs on.',
    },
    {
      path: `${p}.remusPolicy`,
      kind: 'enum',
      group: 'vms',
      label: `${who}: Remus output policy`,
      options: [
        { value: 'inherit', label: 'As set for Remus' },
        { value: 'net', label: 'Net — buffer all output' },
        { value: 'none', label: 'No-Net — release at once' },
        { value: 'tcp-only', label: 'TCP only — UDP/RTP bypass' },
      ],
      default: 'inherit',
      help: 'Output policy of this VM’s checkpointing; R6 recommends Net for the signalling VM and No-Net or TCP-only for the media VM.',
    },
    {
      path: `${p}.remusIntervalMs`,
      kind: 'int',
      group: 'vms',
      label: `${who}: Remus interval`,
      unit: 'ms',
      min: 0,
      max: 5000,
      step: 10,
      default: 0,
      help: 'Checkpoint interval of this VM; 0 = the common interval (Continuous checkpointing → interval).',
    },
    {
      path: `${p}.sip`,
      kind: 'bool',
      group: 'vms',
      label: `${who}: SIP registrar/proxy`,
      default: k === 1,
      help: 'This VM answers the clients’ SIP (one VM in the deployment carries it).',
    },
    {
      path: `${p}.media`,
      kind: 'bool',
      group: 'vms',
      label: `${who}: media relay`,
      default: k === 1,
      help: 'This VM relays the calls’ RTP (one VM in the deployment carries it).',
    },
  ];
}

export const VM_ROLE_FIELDS: readonly Field[] = Array.from({ length: VM_SLOT_COUNT }, (_, i) =>
  roleFields(i + 1),
).flat();
