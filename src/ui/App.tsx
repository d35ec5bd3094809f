import { ChartsPanel } from './charts/ChartsPanel';
import { ClusterMap } from './cluster-map/ClusterMap';
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
import { RunFooter } from './components/RunFooter';
import { StoryLog } from './components/StoryLog';
import { BaselineBar } from './baseline/BaselineBar';
import { SweepSection } from './sweep/SweepSection';
import { SipLadderPanel } from './sip-ladder/SipLadder';
import { LessonSection } from './lessons/LessonSection';
import { useLesson } from './lessons/lesson-store';
import { Legend } from './components/Legend';
import { Overview } from './timeline/Overview';
import { Timeline } from './timeline/Timeline';
import { useView } from './store/view-flags';
import { useLab } from './store/store';
import { panelShown } from './view-panels';
import type { HideablePanel } from '../sim/scenario/view-keys';

/** The lab: parameters on the left; story, playback, timelines, results and charts on the right. */
export function App() {
  // A lesson hides the results until the student has committed to a prediction.
  const predicting = useLesson((s) => s.phase === 'predict');
  // A run refused over the budget has no results: its timeline, cards and charts would show an
  // empty run at the end of its time ("Computing…" for ever, hosts up), not the refusal.
  const refused = useLab((s) => s.status === 'refused');
  const view = useView();
  const show = (p: HideablePanel) => panelShown(view, p);
  const mode = `${view.projector ? ' projector' : ''}${view.embed ? ' embed' : ''}`;
  return (
    <div className={`app${mode}`} data-chart={view.projector ? view.chart : undefined}>
      {/* The parameter panel holds some seventy controls; the timeline's handles come after them. */}
      {/* A refused run has no timeline to skip to. */}
      {!refused && (
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
      )}
      {view.embed ? (
        <header className="topbar topbar-embed">
          <h1>VoIP HA Lab</h1>
          <a
            href={window.location.href.replace(/&(embed|projector|hide|chart)=[^&]*/g, '')}
            target="_blank"
            rel="noreferrer"
          >
            Open the full lab
          </a>
        </header>
      ) : (
        <header className="topbar">
          <h1>VoIP HA Lab</h1>
          <PresetPicker />
          <EditHistory />
          <ShareBar />
          <KeyHelp />
        </header>
      )}
      <Notices />
      <div className="layout">
        {show('params') && <ParameterPanel />}
        <main className="stage">
          {show('explain') && <PresetExplain />}
          {show('lesson') && <LessonSection />}
          {predicting ? (
            <p className="lesson-hidden" data-testid="lesson-hidden">
              The timeline, results and charts are hidden until you commit to a prediction.
            </p>
          ) : refused ? (
            <>
              <RunProgress />
              {show('sweep') && <SweepSection />}
            </>
          ) : (
            <>
              {show('playback') && <PlaybackBar />}
              <RunProgress />
              {show('timeline') && <Timeline />}
              {show('overview') && <Overview />}
              {show('legend') && <Legend />}
              {show('cards') && <BaselineBar />}
              {show('cards') && <SummaryCards />}
              {show('cards') && <StoryLog />}
              {show('scheduling') && <SchedulingPanel />}
              {show('nic') && <NicPanel />}
              {show('map') && <ClusterMap />}
              {show('charts') && <ChartsPanel />}
              {show('charts') && <SipLadderPanel />}
              {show('sweep') && <SweepSection />}
            </>
          )}
          <RunFooter />
        </main>
      </div>
    </div>
  );
}
