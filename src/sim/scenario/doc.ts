import { GROUP_LABELS, type Field } from './field';
import { FIELDS, SCENARIO_VERSION } from './scenario';
import { PRESETS } from './presets';

const range = (f: Field): string =>
  f.kind === 'bool'
    ? 'true / false'
    : f.kind === 'enum'
      ? f.options.map((o) => `\`${o.value}\``).join(', ')
      : `${f.min} – ${f.max} (step ${f.step})`;
const unit = (f: Field): string => (f.kind === 'int' || f.kind === 'number' ? f.unit : '');

/** docs/scenario.md, generated from the field table (a test keeps the file in step). */
export function scenarioDoc(): string {
  const lines = [
    '# Scenario format',
    '',
    '<!-- Generated from src/sim/scenario (npm run docs). Do not edit by hand. -->',
    '',
    `Current version: **${SCENARIO_VERSION}**. A scenario is a plain JSON object; every field below is optional (a missing`,
    'field takes its default). The same dotted path is the key in the URL hash and in the CLI’s `--set`.',
    'Out-of-range numbers are clamped, wrong types fall back to the default, unknown keys are ignored —',
    'each with a notice naming the field (the CLI refuses the scenario instead). Older versions are',
    'migrated (src/sim/scenario/migrate.ts).',
    '',
  ];
  const groups = [...new Set(FIELDS.map((f) => f.group))];
  for (const g of groups) {
    lines.push(
      `## ${GROUP_LABELS[g]}`,
      '',
      '| path | type | unit | range | default | meaning |',
      '|---|---|---|---|---|---|',
    );
    for (const f of FIELDS.filter((x) => x.group === g)) {
      lines.push(
        `| \`${f.path}\` | ${f.kind} | ${unit(f)} | ${range(f)} | \`${String(f.default)}\` | ${f.label}. ${f.help.replace(/\|/g, '\\|')} |`,
      );
    }
    lines.push('');
  }
  lines.push('## Presets', '', '| id | title | what to look for |', '|---|---|---|');
  for (const p of PRESETS) lines.push(`| \`${p.id}\` | ${p.title} | ${p.explain[1]} |`);
  lines.push(
    '',
    '## Cross-field rules',
    '',
    '- Heartbeat dead time must exceed 2 × keepalive, and warn time must be below dead time (adjusted).',
    '- The failure time must lie inside the run (adjusted).',
    '- A checkpoint-stream timeout not longer than the checkpoint interval + ~100 ms is kept but warned about: the backup will declare a healthy primary dead (false failover).',
    '',
  );
  return lines.join('\n');
}
