import { findPreset } from '../../sim/scenario/presets';
import { lazyPart } from '../components/LazyPart';
import { useBasePreset } from '../store/use-base-preset';
import { useLesson } from './lesson-store';

// A lesson's texts and its panel load when a lesson starts. Every preset has a lesson
// (test/lessons.test.ts), so the offer to run one needs only the preset.
const LessonPanel = lazyPart(
  () => import('./LessonPanel').then((m) => m.LessonPanel),
  'the lesson',
  <section className="lesson" aria-busy="true">
    <p>Loading the lesson…</p>
  </section>,
  // The results stay hidden while a lesson asks for a prediction: a failed load must not trap them.
  <button type="button" onClick={() => useLesson.getState().stop()}>
    End the lesson
  </button>,
);

/** The offer to run the scenario's preset as a lesson, or the lesson under way. */
export function LessonSection() {
  // The preset the scenario started from, kept through edits (as the panel does).
  const presetId = useBasePreset().preset?.id ?? null;
  const ls = useLesson();
  if (ls.phase !== 'off' && ls.presetId === presetId) return <LessonPanel />;
  const preset = presetId ? findPreset(presetId) : undefined;
  if (!preset) return null;
  return (
    <section className="lesson lesson-off">
      <button type="button" onClick={() => ls.start(preset.id)} data-testid="lesson-start">
        Run “{preset.title}” as a lesson
      </button>
    </section>
  );
}
