/** The key went to a text field, a choice or an editable element: its own keys, not the lab's shortcuts. */
export const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName));
