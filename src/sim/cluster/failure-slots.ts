import type { Field } from '../scenario/field';

/**
 * Failures f1 … f8 (ADR 16): any kind, at any time, any number. Each names its target by number:
 * a host for host crashes and partitions, a VM for the rest (a link failure cuts that VM's
 * replication link).
 */
export const FAILURE_SLOT_COUNT = 8;

export type FailureKind =
  'none' | 'host-crash' | 'vm-crash' | 'vm-shutdown' | 'link-fail' | 'partition';

export const FAILURE_KINDS: readonly { readonly value: FailureKind; readonly label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'host-crash', label: 'Host crash (fail-stop)' },
  { value: 'vm-crash', label: 'VM crash (guest kernel panic)' },
  { value: 'vm-shutdown', label: 'Graceful VM shutdown (planned)' },
  { value: 'link-fail', label: 'Replication link fails' },
  { value: 'partition', label: 'Network partition (host cut from its peers)' },
];

/** Whether a failure of this kind names a host (else a VM). */
export const targetsHost = (k: FailureKind): boolean => k === 'host-crash' || k === 'partition';
/** Whether a failure of this kind ends by itself (`untilS`), else by repair (`repairAtS`). */
export const heals = (k: FailureKind): boolean => k === 'link-fail' || k === 'partition';

export interface FailureSlot {
  kind: FailureKind;
  atS: number;
  /** Host number (host crash, partition) or VM number (VM crash and shutdown, link failure). */
  target: number;
  /** Link failure and partition: when the link comes back; 0 = never. */
  untilS: number;
  /** Host or VM crash: when it is repaired and rejoins (then re-protection starts); 0 = never. */
  repairAtS: number;
}

export type FailureSlots = Record<string, FailureSlot>;

function slotFields(n: number): Field[] {
  const p = `failures.f${n}`;
  return [
    {
      path: `${p}.kind`,
      kind: 'enum',
      group: 'failure',
      label: `Failure ${n}: kind`,
      options: FAILURE_KINDS,
      default: 'none',
      help: 'What fails. A host crash of a backup stops replication (the primary runs unprotected); a link failure or a partition without fencing can leave two active copies (split brain).',
    },
    {
      path: `${p}.atS`,
      kind: 'number',
      group: 'failure',
      label: `Failure ${n}: time`,
      unit: 's',
      min: 0.1,
      max: 3600,
      step: 0.1,
      default: 30,
      help: 'When it happens (drag its marker on the timeline).',
    },
    {
      path: `${p}.target`,
      kind: 'int',
      group: 'failure',
      label: `Failure ${n}: target`,
      unit: '',
      min: 1,
      max: 8,
      step: 1,
      default: 1,
      help: 'Host number for a host crash or a partition; VM number for a VM crash, a shutdown or a link failure (that VM’s replication link).',
    },
    {
      path: `${p}.untilS`,
      kind: 'number',
      group: 'failure',
      label: `Failure ${n}: heals at`,
      unit: 's',
      min: 0,
      max: 3600,
      step: 0.1,
      default: 0,
      help: 'Link failure or partition: when the link comes back (0 = never).',
    },
    {
      path: `${p}.repairAtS`,
      kind: 'number',
      group: 'failure',
      label: `Failure ${n}: repaired at`,
      unit: 's',
      min: 0,
      max: 3600,
      step: 0.1,
      default: 0,
      help: 'Host or VM crash: when it is repaired and rejoins (0 = never). A repaired host becomes the new backup after a full resynchronisation.',
    },
  ];
}

export const FAILURE_SLOT_FIELDS: readonly Field[] = Array.from(
  { length: FAILURE_SLOT_COUNT },
  (_, i) => slotFields(i + 1),
).flat();

/** The failures that are set, in slot order. */
export function activeFailures(f: FailureSlots): { slot: number; f: FailureSlot }[] {
  const out: { slot: number; f: FailureSlot }[] = [];
  for (let n = 1; n <= FAILURE_SLOT_COUNT; n++) {
    const x = f[`f${n}`];
    if (x && x.kind !== 'none') out.push({ slot: n, f: x });
  }
  return out;
}
