import { MigEvent } from '../../sim/engine/trace';
import type { ArrowModel, Span } from './model';

/** The live-migration records of a run (RunViews.migration; docs/trace.md, kind 19). */
export interface MigrationRecord {
  readonly t: number;
  readonly ev: number;
  readonly b: number;
  readonly c: number;
}

/** What the cluster map draws of a run's live migration (one per run). */
export interface MigrationPicture {
  readonly vm: string;
  /** The stream, from its first page to the guest running on the target. */
  readonly arrow: ArrowModel | null;
  /** The guest stands still: paused on the source until it runs on the target. */
  readonly paused: Span | null;
  /** When the guest runs on the target (its takeover record is the move, not a failover). */
  readonly resumedAt: number | null;
  readonly events: readonly { t: number; host: string; text: string }[];
}

/**
 * The migration of `vm` (running on `source` when the stream starts) read from its records:
 * the stream as an arrow, the downtime as a pause of the active copy, and its steps as events.
 */
export function migrationPicture(
  records: readonly MigrationRecord[],
  vm: string,
  sourceAt: (t: number) => string | undefined,
  label: (host: string) => string,
): MigrationPicture | null {
  if (records.length === 0) return null;
  const at = (ev: number) => records.find((r) => r.ev === ev);
  const start = at(MigEvent.StreamStart);
  const pause = at(MigEvent.Pause);
  const resume = at(MigEvent.Resume);
  const target = start ? `h${start.b}` : resume ? `h${resume.b}` : '';
  const source = start ? sourceAt(start.t) : undefined;
  const events: { t: number; host: string; text: string }[] = [];
  if (start && source)
    events.push({
      t: start.t,
      host: source,
      text: `${vm} live migration to the ${label(target)} host starts (pre-copy)`,
    });
  if (pause)
    events.push({
      t: pause.t,
      host: `h${pause.b}`,
      text: `${vm} paused for the stop-and-copy round`,
    });
  if (resume)
    events.push({
      t: resume.t,
      host: target,
      text: `${vm} migrated: runs on the ${label(target)} host`,
    });
  const interrupted = at(MigEvent.Interrupted);
  if (interrupted)
    events.push({ t: interrupted.t, host: source ?? '', text: `${vm} migration interrupted` });
  const end = resume?.t ?? interrupted?.t ?? Infinity;
  return {
    vm,
    arrow:
      start && source
        ? { kind: 'migration', vm, fromHost: source, toHost: target, from: start.t, to: end }
        : null,
    paused: pause ? { from: pause.t, to: resume?.t ?? Infinity } : null,
    resumedAt: resume?.t ?? null,
    events,
  };
}
