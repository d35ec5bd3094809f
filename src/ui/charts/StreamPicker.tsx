import { useId, useState } from 'react';
import type { RtpSeries } from '../views/run-view-cols';
import { streamId, streamName, streamReadout } from './stream-pick';
import { figure } from '../components/figure';

interface Props {
  readonly streams: number;
  readonly picked: number;
  /** The stream the user picked, which a run with fewer calls may not have (then `picked` stands in). */
  readonly wanted?: number;
  readonly onPick: (stream: number) => void;
  readonly series: RtpSeries | undefined;
  readonly t0: number;
  readonly until: number;
  /** Bumped when the series grows in place (the readout re-reads it). */
  readonly version: number;
}

const fmt = figure;

/**
 * The stream drawn over the bands: a call number and a direction (native inputs, so keyboard and
 * screen readers work as anywhere), and what that stream did up to the playhead.
 */
export function StreamPicker({
  streams,
  picked,
  wanted = picked,
  onPick,
  series,
  t0,
  until,
}: Props) {
  const id = useId();
  const calls = Math.max(1, Math.floor(streams / 2));
  const call = Math.floor(picked / 2);
  const dir = picked % 2;
  const r = streamReadout(series, t0, until);
  const lost = Math.max(0, r.expected - r.received);
  const [draft, setDraft] = useState<string | null>(null);
  // What was typed and refused, said on after the box went back to the call drawn (on blur).
  // It is about the stream drawn then: a pick made since (a click on a chart) ends it.
  const [refused, setRefused] = useState<{ text: string; picked: number } | null>(null);
  const said = draft ?? (refused?.picked === picked ? refused.text : null);
  const problem =
    said !== null
      ? `${said === '' ? 'Type a call' : `No call ${said}`}: calls are 1–${calls}; showing call ${call + 1}.`
      : wanted !== picked
        ? `Call ${Math.floor(wanted / 2) + 1} is not in this run (${calls} calls): showing call ${call + 1}.`
        : null;
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
        value={draft ?? call + 1}
        aria-invalid={said !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => {
          // What is typed stays in the box (a cleared box can be typed into again); a number
          // outside the calls is said beside it, and the stream drawn stays the last valid one.
          const text = e.target.value;
          const n = Number(text);
          setRefused(null);
          if (text !== '' && Number.isInteger(n) && n >= 1 && n <= calls) {
            setDraft(null);
            onPick(streamId(n - 1, dir));
          } else setDraft(text);
        }}
        onBlur={() => {
          if (draft !== null) setRefused({ text: draft, picked });
          setDraft(null);
        }}
      />
      {problem && (
        <span id={`${id}-problem`} className="field-problem" role="status">
          {problem}
        </span>
      )}
      <label htmlFor={`${id}-dir`}>direction</label>
      <select
        id={`${id}-dir`}
        data-testid="stream-pick-dir"
        value={dir}
        onChange={(e) => {
          setRefused(null);
          onPick(streamId(call, Number(e.target.value)));
        }}
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
