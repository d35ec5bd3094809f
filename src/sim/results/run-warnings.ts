import { checkpointDetectorWatches, isReplicated } from '../scenario/topology';
import type { FailoverTimes } from '../cluster/failover';
import type { Scenario } from '../scenario/scenario';
import type { StreamSummary } from './stream-summary';

/** What the run-time warnings need to know about a finished (or partly run) world. */
export interface WarningInputs {
  readonly scenario: Scenario;
  readonly nowUs: number;
  readonly times: FailoverTimes;
  readonly streams: readonly StreamSummary[];
  /** Checkpoints the backup committed (−1: none), and when the first one was committed (µs). */
  readonly committedEpochs: number;
  readonly firstCommitUs: number;
}

const s3 = (us: number): string => (us / 1e6).toFixed(3);

/**
 * Why a failover could not happen, or did not help, told in words. Static checks before a run
 * (src/sim/scenario/validate.ts) catch what the settings alone decide; these come from what the
 * run did, so they also catch what only the mechanism decides (a checkpoint too big for its link).
 */
export function runWarnings(w: WarningInputs): string[] {
  const out: string[] = [];
  const s = w.scenario;
  const t = w.times;
  const repl = isReplicated(s);
  const crashed = Number.isFinite(t.crash);
  // A run shorter than a few checkpoint intervals says nothing about the link's speed.
  const longEnough = w.nowUs > 3 * s.replication.intervalMs * 1000;
  if (repl && w.committedEpochs < 0 && longEnough)
    out.push(
      `No checkpoint committed in ${s3(w.nowUs)} s: the replication link is too slow for the checkpoint size, so the backup holds nothing to resume from.`,
    );
  if (!crashed) return out;
  if (repl && w.firstCommitUs > t.crash)
    out.push(
      `The primary crashed at ${s3(t.crash)} s, before its first checkpoint was committed: the backup has no state of the VoIP VM (calls and registrations are lost).`,
    );
  if (!Number.isFinite(t.declaredDead)) {
    const checkpointDetector = checkpointDetectorWatches(s);
    const why =
      checkpointDetector && !repl
        ? 'the checkpoint-stream detector needs replication, and replication is off'
        : checkpointDetector && !(w.firstCommitUs <= t.crash)
          ? 'the checkpoint-stream detector is armed by the first committed checkpoint, and none had arrived'
          : `the detector had not declared it dead by the end of the run (${s3(w.nowUs)} s)`;
    out.push(`The crash at ${s3(t.crash)} s was never detected: ${why}. No failover happened.`);
  }
  const silent = w.streams.filter((st) => st.receivedAfterFailover <= 0);
  if (silent.length > 0)
    out.push(
      `${silent.length} of ${w.streams.length} RTP streams never recovered after the crash at ${s3(t.crash)} s: no media reached their receivers after the takeover (or, with none, after the crash), to the end of the run.`,
    );
  return out;
}
