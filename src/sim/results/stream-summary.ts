import { firstServiceFailure } from '../scenario/topology';
import type { Scenario } from '../scenario/scenario';
import { eModelR, mosFromR } from '../telephony/e-model';
import { codecOf } from '../telephony/codec';
import type { StreamStats } from '../telephony/rtp';
import { round } from './round';

/** Per-stream results. Keys are public (docs/cli.md). */
export interface StreamSummary {
  stream: number;
  call: number;
  /** relay: caller→callee, callee→caller; endpoint: client→server (measured by the VoIP application), server→client. */
  direction: 'caller→callee' | 'callee→caller' | 'client→server' | 'server→client';
  received: number;
  /** Packets that never arrived (dropped on the path, or not sent while the sending VM was down). */
  lost: number;
  lossPct: number;
  latePct: number;
  jitterMeanMs: number;
  jitterMaxMs: number;
  delayMeanMs: number;
  delayMaxMs: number;
  /** Mean time a played packet waits in the playout buffer (the fixed buffer: its depth). */
  playoutMeanMs: number;
  r: number;
  mos: number;
  maxGapMs: number;
  /** The longest silence lasts to the end of the run (the stream never came back). */
  gapOpenAtEnd: boolean;
  /** Packets received after the gratuitous ARP (failover runs only; −1 otherwise). */
  receivedAfterFailover: number;
}

/** One RTP stream's results: loss, late, jitter, delay and its E-model R and MOS. */
export function summarizeStream(st: StreamStats, s: Scenario): StreamSummary {
  const crashed = firstServiceFailure(s) !== undefined;
  const lossPct = st.expected ? (100 * st.lost) / st.expected : 0;
  const latePct = st.expected ? (100 * st.late) / st.expected : 0;
  // Mouth-to-ear: packetisation (one ptime) + network + playout buffer (the fixed depth, or the
  // adaptive buffer's mean wait).
  const playoutMeanMs = st.bufferMs ?? s.telephony.playoutMs;
  const codec = codecOf(s.telephony.codec);
  const r = eModelR(
    codec.ptime / 1000 + st.delayMeanMs + playoutMeanMs,
    lossPct + latePct,
    s.telephony.plc,
    codec,
  );
  return {
    stream: st.stream,
    call: Math.floor(st.stream / 2),
    direction:
      s.telephony.mode === 'endpoint'
        ? st.stream % 2 === 0
          ? 'client→server'
          : 'server→client'
        : st.stream % 2 === 0
          ? 'caller→callee'
          : 'callee→caller',
    received: st.received,
    lost: st.lost,
    lossPct: round(lossPct),
    latePct: round(latePct),
    jitterMeanMs: round(st.jitterMeanMs),
    jitterMaxMs: round(st.jitterMaxMs),
    delayMeanMs: round(st.delayMeanMs),
    delayMaxMs: round(st.delayMaxMs),
    playoutMeanMs: round(playoutMeanMs),
    r: round(r, 2),
    mos: round(mosFromR(r), 3),
    maxGapMs: round(st.maxGapMs, 1),
    gapOpenAtEnd: st.gapOpenAtEnd,
    receivedAfterFailover: crashed ? st.receivedAfterFailover : -1,
  };
}

/**
 * A stream came back after the failover: media reached its receiver after the takeover, and the
 * run did not end in a silence. The summary's `recovered` is every stream coming back; the cards
 * name the streams that did not.
 */
export const cameBack = (
  x: Pick<StreamSummary, 'receivedAfterFailover' | 'gapOpenAtEnd'>,
): boolean => x.receivedAfterFailover > 0 && !x.gapOpenAtEnd;
