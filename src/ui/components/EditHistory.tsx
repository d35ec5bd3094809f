import { editsText } from './typing';
import { useEffect } from 'react';
import { redo, reset, undo, useHistory } from '../store/edit-history';

/** Undo, Redo and Reset buttons, and Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) outside text fields. */
export function EditHistory() {
  const canUndo = useHistory((h) => h.past.length > 0);
  const canRedo = useHistory((h) => h.future.length > 0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || editsText(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) undo();
      else if ((k === 'z' && e.shiftKey) || k === 'y') redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <span className="edit-history" role="group" aria-label="Edits">
      <button
        type="button"
        onClick={undo}
        disabled={!canUndo}
        title="Undo (Ctrl+Z)"
        data-testid="undo"
      >
        Undo
      </button>
      <button
        type="button"
        onClick={redo}
        disabled={!canRedo}
        title="Redo (Ctrl+Shift+Z)"
        data-testid="redo"
      >
        Redo
      </button>
      <button
        type="button"
        onClick={reset}
        title="Back to the preset or link as loaded"
        data-testid="reset"
      >
        Reset
      </button>
    </span>
  );
}
