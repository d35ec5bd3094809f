import { useCallback, useEffect, useRef, useState } from 'react';
import { openScenarioFile } from '../store/open-scenario';

/** Whether a drag carries files (not text or a link dragged out of the page). */
const carriesFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;

/**
 * "Open…" (named "Open scenario…"): a scenario file or a results export ("Export JSON"), from the file picker or
 * dropped anywhere on the page. Refusals and clamped values show in the notices (open-scenario.ts).
 */
export function OpenScenario() {
  const input = useRef<HTMLInputElement>(null);
  const [opened, setOpened] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const open = useCallback(async (file: File) => {
    const r = await openScenarioFile(file);
    clearTimeout(timer.current);
    setOpened(r.ok ? `Opened ${r.fromResults ? 'the scenario of ' : ''}${file.name}` : '');
    if (r.ok) timer.current = setTimeout(() => setOpened(''), 2500);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    // Without this, a file dropped on the page makes the browser navigate to it, leaving the lab.
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void open(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [open]);
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        // Short on screen (the preset box gets what the bar's buttons leave); named in full.
        aria-label="Open scenario…"
        title="Open a scenario file or a results export (.json); you can also drop one on the page"
        data-testid="open-scenario"
      >
        {/* The label stays: another would move every button after it. The scenario changing
            says it opened; the status below says so to a screen reader. */}
        Open…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="open-scenario-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // Cleared, so picking the same file again (after fixing it) opens it again.
          e.currentTarget.value = '';
          if (file) void open(file);
        }}
      />
      <span className="visually-hidden" role="status">
        {opened}
      </span>
    </>
  );
}
