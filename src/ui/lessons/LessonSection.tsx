import { lazy, Suspense } from 'react';
import { findPreset } from '../../sim/scenario/presets';
import { useBasePreset } from '../store/use-base-preset';
import { useLesson } from './lesson-store';

// A lesson's texts and its panel load when a lesson starts. Every preset has a lesson
// (test/lessons.test.ts), so the offer to run one needs only the preset.
const LessonPanel = lazy(() => import('./LessonPanel').then((m) => ({ default: m.LessonPanel })));

/** The offer to run the scenario's preset as a lesson, or the lesson under way. */
export function LessonSection() {
  // The preset the scenario started from, kept through edits (as the panel does).
  const presetId = useBasePreset().preset?.id ?? null;
  const ls = useLesson();
  if (ls.phase !== 'off' && ls.presetId === presetId)
    return (
      <Suspense fallback={<section className="lesson" aria-busy="true" />}>
        <LessonPanel />
      </Suspense>
    );
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
