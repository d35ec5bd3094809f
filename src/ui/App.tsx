import { ChartsPanel } from './charts/ChartsPanel';
import { SchedulingPanel } from './charts/SchedulingPanel';
import { NicPanel } from './charts/NicPanel';
import { Notices } from './components/Notices';
import { ParameterPanel } from './components/ParameterPanel';
import { PlaybackBar } from './components/PlaybackBar';
import { PresetExplain, PresetPicker } from './components/PresetPicker';
import { ShareBar } from './components/ShareBar';
import { SummaryCards } from './components/SummaryCards';
import { Legend } from './components/Legend';
import { useLab } from './store/store';
import { Overview } from './timeline/Overview';
import { Timeline } from './timeline/Timeline';

/** The lab: parameters on the left; story, playback, timelines, results and charts on the right. */
export function App() {
  const traceHash = useLab((s) => s.traceHash);
  const summary = useLab((s) => s.summary);
  const wallMs = useLab((s) => s.wallMs);
  return (
    <div className="app">
      {/* The parameter panel holds some seventy controls; the timeline's handles come after them. */}
      <a
        className="skip-link"
        href="#timeline"
        onClick={(e) => {
          // The hash holds the scenario: move focus without navigating.
          e.preventDefault();
          document.getElementById('timeline')?.focus();
        }}
      >
        Skip to the timeline
      </a>
      <header className="topbar">
        <h1>VoIP HA Lab</h1>
        <PresetPicker />
        <ShareBar />
      </header>
      <Notices />
      <div className="layout">
        <ParameterPanel />
        <main className="stage">
          <PresetExplain />
          <PlaybackBar />
          <Timeline />
          <Overview />
          <Legend />
          <SummaryCards />
          <SchedulingPanel />
          <NicPanel />
          <ChartsPanel />
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
