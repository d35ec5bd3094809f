/** The key went to a text field, a choice or an editable element: its own keys, not the lab's shortcuts. */
export const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));

/** Input types whose value is not text the browser keeps an undo history of (Ctrl+Z is the lab's there). */
const NOT_TEXT = new Set([
  'range',
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'color',
  'file',
]);

/**
 * The key went to an element with its own text undo (a text or number field, a text area, an
 * editable element). A slider is not one: Ctrl+Z on a focused slider did nothing at all, while
 * the Keys list says "anywhere but a text field".
 */
export const editsText = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement &&
  (t.isContentEditable ||
    t.tagName === 'TEXTAREA' ||
    (t instanceof HTMLInputElement && !NOT_TEXT.has(t.type)));
