import { useId } from 'react';
import type { RtpSeries } from '../views/run-view-cols';
import { streamId, streamName, streamReadout } from './stream-pick';

interface Props {
  readonly streams: number;
  readonly picked: number;
  readonly onPick: (stream: number) => void;
  readonly series: RtpSeries | undefined;
  readonly t0: number;
  readonly until: number;
  /** Bumped when the series grows in place (the readout re-reads it). */
  readonly version: number;
}

const fmt = (v: number) => String(Number(v.toPrecision(3)));

/**
 * The stream drawn over the bands: a call number and a direction (native inputs, so keyboard and
 * screen readers work as anywhere), and what that stream did up to the playhead.
 */
export function StreamPicker({ streams, picked, onPick, series, t0, until }: Props) {
  const id = useId();
  const calls = Math.max(1, Math.floor(streams / 2));
  const call = Math.floor(picked / 2);
  const dir = picked % 2;
  const r = streamReadout(series, t0, until);
  const lost = Math.max(0, r.expected - r.received);
  return (
    <div className="stream-picker" data-testid="stream-picker" data-stream={picked}>
      <strong>Stream drawn over the bands</strong>
      <span className="hint">(or click a chart: the stream nearest the pointer)</span>
      <label htmlFor={`${id}-call`}>call</label>
      <input
        id={`${id}-call`}
        data-testid="stream-pick-call"
        type="number"
        min={1}
        max={calls}
        step={1}
        value={call + 1}
        onChange={(e) => {
          const n = Math.round(Number(e.target.value));
          if (Number.isFinite(n) && n >= 1 && n <= calls) onPick(streamId(n - 1, dir));
        }}
      />
      <label htmlFor={`${id}-dir`}>direction</label>
      <select
        id={`${id}-dir`}
        data-testid="stream-pick-dir"
        value={dir}
        onChange={(e) => onPick(streamId(call, Number(e.target.value)))}
      >
        <option value={0}>caller→callee</option>
        <option value={1}>callee→caller</option>
      </select>
      <span className="stream-readout" data-testid="stream-readout">
        {streamName(picked)} at {(until / 1e6).toFixed(3)} s:{' '}
        {r.jitterMs === null || r.delayMs === null
          ? 'no packet yet'
          : `jitter ${fmt(r.jitterMs)} ms, delay ${fmt(r.delayMs)} ms; ${lost} of ${r.expected} packets lost in view (${r.expected > 0 ? fmt((100 * lost) / r.expected) : '0'} %)`}
      </span>
    </div>
  );
}
