import { isTyping } from './typing';
import { useEffect, useRef } from 'react';

/** Every key the lab answers to, where it works, and what it does (kept beside the handlers' files). */
export const KEYS: readonly {
  readonly keys: string;
  readonly where: string;
  readonly does: string;
}[] = [
  { keys: '?', where: 'anywhere', does: 'show or hide this list' },
  { keys: 'Space', where: 'anywhere but a button or a field', does: 'play or pause the run' },
  {
    keys: '. and ,',
    where: 'anywhere but a field',
    does: 'step the playhead 0.1 s forward or back',
  },
  { keys: '+ and −', where: 'timeline (focused)', does: 'zoom in or out' },
  { keys: '← and →', where: 'timeline (focused)', does: 'pan the visible window' },
  { keys: '0', where: 'timeline (focused)', does: 'show the whole run' },
  {
    keys: '← → ↑ ↓, Home, End',
    where: 'a handle on the timeline (checkpoint interval, failure time) or an SLA line',
    does: 'move it by one step, or to its limit',
  },
  { keys: 'Enter', where: 'a number box', does: 'apply the value typed' },
  {
    keys: 'Ctrl+Z',
    where: 'anywhere but a text field',
    does: 'undo the last edit (a drag is one edit)',
  },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', where: 'anywhere but a text field', does: 'redo' },
  { keys: 'Enter or Space', where: 'a point of a sweep chart', does: 'open that run' },
  {
    keys: 'Tab, Shift+Tab',
    where: 'anywhere',
    does: 'move between controls (the focused one is outlined)',
  },
  { keys: 'Esc', where: 'this list', does: 'close it' },
];

/** A `?` button and overlay listing every key (a native dialog: focus stays inside, Esc closes). */
export function KeyHelp() {
  const dialog = useRef<HTMLDialogElement>(null);
  const toggle = () => {
    const d = dialog.current;
    if (!d) return;
    if (d.open) d.close();
    else {
      d.showModal();
      // showModal focuses the first control, the Close button below the table, and scrolls the
      // heading out of a short window: start at the heading instead (Tab reaches Close).
      d.querySelector<HTMLElement>('#key-help-title')?.focus();
      d.scrollTop = 0;
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button
        type="button"
        onClick={toggle}
        aria-haspopup="dialog"
        title="Keyboard keys (?)"
        data-testid="keys-open"
      >
        Keys ?
      </button>
      <dialog
        ref={dialog}
        className="key-help"
        aria-labelledby="key-help-title"
        data-testid="key-help"
      >
        <h2 id="key-help-title" tabIndex={-1}>
          Keyboard
        </h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Where</th>
              <th scope="col">What it does</th>
            </tr>
          </thead>
          <tbody>
            {KEYS.map((k) => (
              <tr key={k.keys + k.where}>
                <td>
                  <kbd>{k.keys}</kbd>
                </td>
                <td>{k.where}</td>
                <td>{k.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="dialog">
          <button type="submit" autoFocus>
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
