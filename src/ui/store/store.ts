import { create } from 'zustand';
import type { RunSummary } from '../../sim/results/summary';
import type { RunCost } from '../../sim/run-cost';
import { PRESETS, findPreset, presetScenario } from '../../sim/scenario/presets';
import { defaultScenario, setPath, type Scenario } from '../../sim/scenario/scenario';
import type { ScenarioIssue } from '../../sim/scenario/validate';
import { validateScenario } from '../../sim/scenario/validate';
import { RunViews } from '../views/run-views';

/** The scenario slice: the one source of truth, plus what validation refused. */
interface ScenarioSlice {
  scenario: Scenario;
  presetId: string | null;
  notices: readonly ScenarioIssue[];
  noticeSource: string;
  /** A scenario file that was not opened, and why; shown with the notices (the scenario is unchanged). */
  refusal: { source: string; problem: string } | null;
  /** Wall-clock time of the last edit (performance.now), for the edit → chart latency figure. */
  editAt: number;
  /** Bumped when a preset or a link replaces the whole scenario (not on single edits). */
  loads: number;
  setField: (path: string, value: unknown) => void;
  /** Several fields in one edit (one re-run). */
  setFields: (values: Readonly<Record<string, unknown>>) => void;
  loadPreset: (id: string) => void;
  replaceScenario: (s: Scenario, notices: readonly ScenarioIssue[], source: string) => void;
  /** Says a file was refused, changing nothing else. */
  refuseScenario: (source: string, problem: string) => void;
  dismissNotices: () => void;
}

/** The run slice: streamed results of the current run. */
interface RunSlice {
  runId: number;
  views: RunViews;
  /** Bumped on every chunk so views re-render (the views object is mutated in place). */
  viewsVersion: number;
  progress: number;
  /** `cancelled`: stopped by Cancel (results so far stay); `refused`: over the cost budget, not run. */
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled' | 'refused';
  /** The estimated cost of the current scenario's run (src/sim/run-cost.ts). */
  cost: RunCost | null;
  /** Stops the run in flight (set by the worker client). */
  cancelRun: () => void;
  /** Runs the current scenario again (after a cancel). */
  rerun: () => void;
  summary: RunSummary | null;
  traceHash: string | null;
  wallMs: number;
  error: string | null;
}

/** The playback slice: a playhead over results computed ahead. */
interface PlaybackSlice {
  playheadUs: number;
  playing: boolean;
  /** Simulated seconds per wall second. */
  speed: number;
  setPlayhead: (t: number) => void;
  setPlaying: (p: boolean) => void;
  setSpeed: (s: number) => void;
}

/** The UI slice: the visible time window shared by every timeline and chart. */
interface UiSlice {
  viewStartUs: number;
  viewEndUs: number;
  setView: (start: number, end: number) => void;
}

export type LabState = ScenarioSlice & RunSlice & PlaybackSlice & UiSlice;

/** A newly opened scenario is shown whole, with the playhead at the end of the computed results. */
const wholeRun = (s: Scenario) => ({
  viewStartUs: 0,
  viewEndUs: s.durationS * 1e6,
  playheadUs: s.durationS * 1e6,
  playing: false,
});

/** The preset a scenario equals, if any (a shared preset link still says which story it is). */
function matchingPreset(s: Scenario): string | null {
  const text = JSON.stringify(s);
  return PRESETS.find((p) => JSON.stringify(presetScenario(p)) === text)?.id ?? null;
}

const initialScenario = presetScenario(
  findPreset('primary-fails') ?? { id: '', title: '', explain: ['', ''], set: {} },
);

export const useLab = create<LabState>()((set, get) => ({
  scenario: initialScenario,
  presetId: 'primary-fails',
  notices: [],
  noticeSource: '',
  refusal: null,
  editAt: 0,
  loads: 0,
  setField: (path, value) => {
    const { scenario, issues } = validateScenario(setPath(get().scenario, path, value));
    set({
      scenario,
      presetId: null,
      notices: issues,
      noticeSource: 'That value was adjusted',
      refusal: null,
      editAt: performance.now(),
    });
  },
  setFields: (values) => {
    let next = get().scenario;
    for (const [path, v] of Object.entries(values)) next = setPath(next, path, v);
    const { scenario, issues } = validateScenario(next);
    set({
      scenario,
      presetId: null,
      notices: issues,
      noticeSource: 'That value was adjusted',
      refusal: null,
      editAt: performance.now(),
    });
  },
  loadPreset: (id) => {
    const p = findPreset(id);
    if (!p) return;
    const scenario = presetScenario(p);
    set({
      scenario,
      presetId: id,
      notices: [],
      refusal: null,
      editAt: performance.now(),
      loads: get().loads + 1,
      ...wholeRun(scenario),
    });
  },
  replaceScenario: (scenario, notices, source) =>
    set({
      scenario,
      presetId: matchingPreset(scenario),
      notices,
      noticeSource: source,
      refusal: null,
      editAt: performance.now(),
      loads: get().loads + 1,
      ...wholeRun(scenario),
    }),
  // The notices of the scenario in use stay: the refusal is about a file that was not used.
  refuseScenario: (source, problem) => set({ refusal: { source, problem } }),
  dismissNotices: () => set({ notices: [], refusal: null }),

  runId: 0,
  views: new RunViews(),
  viewsVersion: 0,
  progress: 0,
  status: 'idle',
  cost: null,
  cancelRun: () => undefined,
  rerun: () => undefined,
  summary: null,
  traceHash: null,
  wallMs: 0,
  error: null,

  playheadUs: initialScenario.durationS * 1e6,
  playing: false,
  speed: 4,
  setPlayhead: (t) => set({ playheadUs: Math.max(0, Math.min(t, get().views.simTimeUs)) }),
  setPlaying: (p) => {
    const s = get();
    if (p && s.playheadUs >= s.scenario.durationS * 1e6) set({ playheadUs: 0 });
    set({ playing: p });
  },
  setSpeed: (speed) => set({ speed }),

  viewStartUs: 0,
  viewEndUs: initialScenario.durationS * 1e6,
  setView: (start, end) => set({ viewStartUs: start, viewEndUs: end }),
}));

/** A fresh default scenario (for "reset"). */
export const resetScenario = (): void =>
  useLab.getState().replaceScenario(defaultScenario(), [], '');
