/**
 * Marks the page `html.kbd` while the keyboard is what moves the focus: set by a key press, cleared
 * as soon as the pointer moves. A field's help opens on keyboard focus only (styles.css, .help):
 * opened on a mouse's focus, it closed when the next click moved the focus, shifting the field
 * being clicked between press and release. Cleared on a move, not on a press: a press that shifted
 * the layout would lose the click in the same way.
 */
export function startInputModality(): () => void {
  const root = document.documentElement;
  const key = (e: KeyboardEvent) => {
    // Modifier keys alone (Shift-click, Ctrl-wheel) are the pointer's.
    if (['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) return;
    root.classList.add('kbd');
  };
  const move = () => root.classList.remove('kbd');
  document.addEventListener('keydown', key, true);
  document.addEventListener('pointermove', move, { capture: true, passive: true });
  return () => {
    document.removeEventListener('keydown', key, true);
    document.removeEventListener('pointermove', move, true);
  };
}
