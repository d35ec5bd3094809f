/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; CRLF lines. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null)[])[],
): string {
  const cell = (v: string | number | boolean | null): string => {
    if (v === null) return '';
    const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A nested object (a run's summary) as `key,value` rows with dotted keys and [i] for arrays. */
export function flatten(obj: unknown, prefix = ''): [string, string | number | boolean | null][] {
  if (obj === null || typeof obj !== 'object')
    return [[prefix, obj as string | number | boolean | null]];
  const out: [string, string | number | boolean | null][] = [];
  if (Array.isArray(obj)) obj.forEach((v, i) => out.push(...flatten(v, `${prefix}[${i}]`)));
  else
    for (const [k, v] of Object.entries(obj as Record<string, unknown>))
      out.push(...flatten(v, prefix ? `${prefix}.${k}` : k));
  return out;
}
