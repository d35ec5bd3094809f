import type { Field } from './field';

/** What a field's text (a URL value or a CLI --set value) reads as, or why it cannot be read. */
export type FieldText = { readonly value: unknown } | { readonly problem: string };

/** The spellings a switch accepts, in links and in --set alike (docs/url.md). */
const TRUE_TEXT = new Set(['true', '1']);
const FALSE_TEXT = new Set(['false', '0']);

/**
 * Reads the text of one field value the same way for a lab link and for the CLI's --set, so both
 * accept the same spellings. Text that is not a value of the field's kind stays text, and
 * validation names the field and what it expected; a number too large for a double (1e400) or
 * spelled `Infinity` is named here, because once parsed it would print as `null` in JSON.
 * `field` is undefined for the key of an older version: it is read the way it looks, and its
 * migration decides.
 */
export function readFieldText(field: Field | undefined, text: string): FieldText {
  if (field?.kind === 'bool')
    return { value: TRUE_TEXT.has(text) ? true : FALSE_TEXT.has(text) ? false : text };
  if (field?.kind === 'enum') return { value: text };
  if (field === undefined && (text === 'true' || text === 'false'))
    return { value: text === 'true' };
  const n = text.trim() === '' ? NaN : Number(text);
  if (Number.isNaN(n)) return { value: text };
  if (!Number.isFinite(n))
    return {
      problem: `"${text.slice(0, 40)}" is not a finite number${/^[+-]?Infinity$/.test(text.trim()) ? '' : ' (too large for a double)'}`,
    };
  return { value: n };
}
