import type { HideablePanel, ViewFlags } from '../sim/scenario/view-keys';

/**
 * Which panels a view shows. Embed drops the parameter panel; projector mode keeps the story, the
 * playback bar, the timeline and one chart, in large type, so they fit a 1024×768 projector
 * without scrolling; `hide=` drops any others the link names.
 */
const PROJECTOR_HIDES: readonly HideablePanel[] = [
  'params',
  // Editing, not watching: hidden on a projector even where a panel that holds it is shown.
  'deployment',
  'lesson',
  'overview',
  'legend',
  'cards',
  'scheduling',
  'nic',
  'sweep',
];

export function panelShown(v: ViewFlags, p: HideablePanel): boolean {
  if (v.hide.includes(p)) return false;
  if (v.embed && p === 'params') return false;
  return !(v.projector && PROJECTOR_HIDES.includes(p));
}
