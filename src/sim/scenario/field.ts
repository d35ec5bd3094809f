/**
 * One row of the scenario's field table. The table drives validation, the URL codec, the CLI's
 * --set and the parameter panels, so a field is described exactly once.
 */
interface FieldBase {
  /** Dotted path into the scenario object; also the URL key and the CLI --set key. */
  readonly path: string;
  readonly label: string;
  /** Shown next to the panel control and in tooltips; says what the knob means and where its default comes from. */
  readonly help: string;
  /** Panel group (mechanism). */
  readonly group: FieldGroup;
}

export interface NumberField extends FieldBase {
  readonly kind: 'number' | 'int';
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly default: number;
}

export interface EnumField extends FieldBase {
  readonly kind: 'enum';
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly default: string;
}

export interface BoolField extends FieldBase {
  readonly kind: 'bool';
  readonly default: boolean;
}

export type Field = NumberField | EnumField | BoolField;

export type FieldGroup =
  | 'run'
  | 'hosts'
  | 'host'
  | 'vms'
  | 'probes'
  | 'workloads'
  | 'nic'
  | 'network'
  | 'telephony'
  | 'replication'
  | 'failure'
  | 'migration'
  | 'availability';

export const GROUP_LABELS: Record<FieldGroup, string> = {
  run: 'Run',
  hosts: 'Hosts & placement',
  host: 'Host & CPU scheduling',
  vms: 'Virtual machines',
  probes: 'Probes (ping)',
  workloads: 'Workloads (streams, web server, transfers)',
  nic: 'Driver domain & NIC transmit',
  network: 'Network',
  telephony: 'Telephony (SIP, RTP)',
  replication: 'Continuous checkpointing (Remus)',
  failure: 'Failure & failover',
  migration: 'Live migration',
  availability: 'Availability',
};
