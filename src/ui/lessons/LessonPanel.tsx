import { useCallback } from 'react';
import { findPreset } from '../../sim/scenario/presets';
import { useLab } from '../store/store';
import { judge, lessonFor } from './lessons';
import { useLesson } from './lesson-store';
import { figure } from '../components/figure';

const fmt = figure;

/**
 * A preset as a lesson (LessonSection offers it and shows this panel once it starts): the student
 * predicts (a number or a choice) while the results stay hidden, then the lab's answer is shown beside the prediction and the published figure, with the
 * explanation in the run's own numbers.
 */
export function LessonPanel() {
  const summary = useLab((s) => s.summary);
  const status = useLab((s) => s.status);
  const scenario = useLab((s) => s.scenario);
  const ls = useLesson();
  // The button that started the lesson is gone: the keyboard's focus goes to the prediction.
  const focusPrediction = useCallback((form: HTMLFormElement | null) => {
    form?.querySelector<HTMLElement>('input')?.focus();
  }, []);
  // Shown by LessonSection while a lesson of the scenario's preset is under way.
  const lesson = ls.presetId ? lessonFor(ls.presetId) : undefined;
  if (!lesson) return null;
  const a = lesson.answer;
  const actual = summary ? a.of(summary) : null;
  const ready = status === 'done' && summary !== null;
  // A failover the run ended before: its gap is a lower bound, not an answer to grade.
  const unfinished = summary?.availability.neverRecovered === true;
  const predicted = a.kind === 'number' ? Number(ls.prediction) : Number(ls.prediction);
  const valid = ls.prediction.trim() !== '' && Number.isFinite(predicted);
  return (
    <section className="lesson" aria-label="Lesson" data-testid="lesson" data-phase={ls.phase}>
      <h2>Lesson: {findPreset(lesson.presetId)?.title}</h2>
      <p className="lesson-question">
        <strong>Predict.</strong>{' '}
        {typeof lesson.question === 'function' ? lesson.question(scenario) : lesson.question}
      </p>
      <form
        ref={focusPrediction}
        className="lesson-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && ready) ls.reveal();
        }}
      >
        {a.kind === 'number' ? (
          <label>
            Your prediction{' '}
            <input
              type="number"
              step="any"
              value={ls.prediction}
              onChange={(e) => ls.setPrediction(e.target.value)}
              disabled={ls.phase === 'explain'}
              data-testid="lesson-input"
            />{' '}
            {a.unit}
          </label>
        ) : (
          <fieldset disabled={ls.phase === 'explain'}>
            <legend>Your prediction</legend>
            {a.choices.map((c, i) => (
              <label key={c} className="lesson-choice">
                <input
                  type="radio"
                  name="lesson-choice"
                  value={i}
                  checked={ls.prediction === String(i)}
                  onChange={() => ls.setPrediction(String(i))}
                />{' '}
                {c}
              </label>
            ))}
          </fieldset>
        )}
        {ls.phase === 'predict' && (
          <button type="submit" disabled={!valid || !ready} data-testid="lesson-reveal">
            {ready ? 'Run and compare' : 'Computing…'}
          </button>
        )}
        <button type="button" onClick={ls.stop}>
          End lesson
        </button>
      </form>
      {ls.phase === 'predict' && (
        <p className="lesson-hint">
          The results below stay hidden until you commit to a prediction.
        </p>
      )}
      {ls.phase === 'explain' && summary && (
        <div className="lesson-explain" data-testid="lesson-explain">
          <table>
            <tbody>
              <tr>
                <th scope="row">You predicted</th>
                <td data-testid="lesson-predicted">
                  {a.kind === 'number' ? `${ls.prediction} ${a.unit}` : a.choices[predicted]}
                </td>
              </tr>
              <tr>
                <th scope="row">The lab</th>
                <td data-testid="lesson-actual">
                  {a.kind === 'number'
                    ? `${unfinished ? '≥ ' : ''}${fmt(actual)} ${a.unit}`
                    : actual === null
                      ? '—'
                      : a.choices[actual]}
                </td>
              </tr>
              {lesson.published && (
                <tr>
                  <th scope="row">Published</th>
                  <td>{lesson.published}</td>
                </tr>
              )}
            </tbody>
          </table>
          <p className="lesson-verdict" data-testid="lesson-verdict">
            {actual === null
              ? 'This run has no answer to compare.'
              : unfinished
                ? 'The service had not come back when the run ended: the lab’s figure is only a lower bound, so there is nothing to grade. Move the crash earlier or make the run longer.'
                : a.kind === 'choice'
                  ? predicted === actual
                    ? 'Right.'
                    : `Not this time: the lab says “${a.choices[actual]}”.`
                  : {
                      close: 'Close: within 25 % of the lab.',
                      low: 'Lower than the lab.',
                      high: 'Higher than the lab.',
                    }[judge(predicted, actual)]}
          </p>
          <p>
            <strong>Explain.</strong>
          </p>
          <ul>
            {lesson.explain(summary).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
