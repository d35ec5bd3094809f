/**
 * Keys a lab link may carry besides the scenario: how the page shows it (docs/url.md). They are not
 * scenario fields, so the scenario decoder passes over them and the CLI ignores them; the page
 * reads them (src/ui/store/view-flags.ts) and keeps them when it rewrites the link.
 */
export const VIEW_KEYS: ReadonlySet<string> = new Set([
  'embed',
  'projector',
  'hide',
  'chart',
  'sweep',
  'base',
]);

/** Parts of the page a link can hide with `hide=a,b,…` (docs/url.md). */
export const HIDEABLE_PANELS = [
  'params',
  /** The deployment editor inside the parameters: hosts, VM placement and protection, failures. */
  'deployment',
  'explain',
  'lesson',
  'playback',
  'timeline',
  'overview',
  'legend',
  'cards',
  'scheduling',
  'nic',
  'charts',
  'map',
  'sweep',
] as const;
export type HideablePanel = (typeof HIDEABLE_PANELS)[number];

/** Charts projector mode can show (`chart=…`; `map`: the cluster map instead of a chart). */
export const PROJECTOR_CHARTS = ['jitter', 'loss', 'delay', 'sip', 'map'] as const;
export type ProjectorChart = (typeof PROJECTOR_CHARTS)[number];

/** The view part of a link. */
export interface ViewFlags {
  readonly embed: boolean;
  readonly projector: boolean;
  readonly hide: readonly HideablePanel[];
  readonly chart: ProjectorChart;
  /**
   * A sweep spec (docs/sweep.md) as JSON; '' for none. Shown and run once the sweep's code has
   * loaded — when the page opens, or when the hash changes to hold another one — unless the panel
   * is hidden (hide=sweep, or a lesson waiting for a prediction: then when it is shown).
   */
  readonly sweep: string;
  /** The pinned baseline's scenario as its own link hash (without '#'); '' for none. */
  readonly base: string;
}

export const DEFAULT_VIEW: ViewFlags = {
  embed: false,
  projector: false,
  hide: [],
  chart: 'jitter',
  sweep: '',
  base: '',
};

const on = (t: string | undefined): boolean => t === '1' || t === 'true';

/** Reads the view keys of a hash; unknown panel or chart names are reported, not guessed. */
export function readViewFlags(hash: string): { flags: ViewFlags; problems: string[] } {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const kv = new Map<string, string>();
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    if (!VIEW_KEYS.has(k)) continue;
    let v = eq < 0 ? '1' : part.slice(eq + 1);
    try {
      v = decodeURIComponent(v);
    } catch {
      // an undecodable value is treated as absent (reported below if it was a list)
    }
    kv.set(k, v);
  }
  const problems: string[] = [];
  const hide: HideablePanel[] = [];
  for (const name of (kv.get('hide') ?? '').split(',').filter(Boolean)) {
    if ((HIDEABLE_PANELS as readonly string[]).includes(name)) hide.push(name as HideablePanel);
    else problems.push(`hide: no panel "${name}" (one of ${HIDEABLE_PANELS.join(', ')})`);
  }
  const chartText = kv.get('chart');
  let chart: ProjectorChart = DEFAULT_VIEW.chart;
  if (chartText !== undefined) {
    if ((PROJECTOR_CHARTS as readonly string[]).includes(chartText))
      chart = chartText as ProjectorChart;
    else problems.push(`chart: no chart "${chartText}" (one of ${PROJECTOR_CHARTS.join(', ')})`);
  }
  return {
    flags: {
      embed: on(kv.get('embed')),
      projector: on(kv.get('projector')),
      hide,
      chart,
      sweep: kv.get('sweep') ?? '',
      base: kv.get('base') ?? '',
    },
    problems,
  };
}

/** The view keys to append to a scenario's hash (empty for the default view). */
export function viewHashPart(f: ViewFlags): string {
  const parts: string[] = [];
  if (f.embed) parts.push('embed=1');
  if (f.projector) parts.push('projector=1');
  if (f.hide.length) parts.push(`hide=${f.hide.join(',')}`);
  if (f.chart !== DEFAULT_VIEW.chart) parts.push(`chart=${f.chart}`);
  if (f.sweep) parts.push(`sweep=${encodeURIComponent(f.sweep)}`);
  if (f.base) parts.push(`base=${encodeURIComponent(f.base)}`);
  return parts.map((p) => `&${p}`).join('');
}
