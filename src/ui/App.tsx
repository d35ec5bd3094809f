import { ChartsPanel } from './charts/ChartsPanel';
import { SchedulingPanel } from './charts/SchedulingPanel';
import { NicPanel } from './charts/NicPanel';
import { Notices } from './components/Notices';
import { ParameterPanel } from './components/ParameterPanel';
import { PlaybackBar } from './components/PlaybackBar';
import { PresetExplain, PresetPicker } from './components/PresetPicker';
import { RunProgress } from './components/RunProgress';
import { ShareBar } from './components/ShareBar';
import { KeyHelp } from './components/KeyHelp';
import { EditHistory } from './components/EditHistory';
import { SummaryCards } from './components/SummaryCards';
import { SweepPanel } from './sweep/SweepPanel';
import { LessonPanel } from './lessons/LessonPanel';
import { useLesson } from './lessons/lesson-store';
import { Legend } from './components/Legend';
import { useLab } from './store/store';
import { Overview } from './timeline/Overview';
import { Timeline } from './timeline/Timeline';

/** The lab: parameters on the left; story, playback, timelines, results and charts on the right. */
export function App() {
  const traceHash = useLab((s) => s.traceHash);
  const summary = useLab((s) => s.summary);
  const wallMs = useLab((s) => s.wallMs);
  // A lesson hides the results until the student has committed to a prediction.
  const predicting = useLesson((s) => s.phase === 'predict');
  return (
    <div className="app">
      <header className="topbar">
        <h1>VoIP HA Lab</h1>
        <PresetPicker />
        <EditHistory />
        <ShareBar />
        <KeyHelp />
      </header>
      <Notices />
      <div className="layout">
        <ParameterPanel />
        <main className="stage">
          <PresetExplain />
          <LessonPanel />
          {predicting ? (
            <p className="lesson-hidden" data-testid="lesson-hidden">
              The timeline, results and charts are hidden until you commit to a prediction.
            </p>
          ) : (
            <>
              <PlaybackBar />
              <RunProgress />
              <Timeline />
              <Overview />
              <Legend />
              <SummaryCards />
              <SchedulingPanel />
              <NicPanel />
              <ChartsPanel />
              <SweepPanel />
            </>
          )}
          <footer className="run-footer">
            {summary && (
              <>
                Trace <code data-testid="trace-hash">{traceHash}</code> ·{' '}
                {summary.events.toLocaleString()} events · simulated {summary.durationS} s in{' '}
                {Math.round(wallMs)} ms · seed {summary.seed}
              </>
            )}
          </footer>
        </main>
      </div>
    </div>
  );
}
