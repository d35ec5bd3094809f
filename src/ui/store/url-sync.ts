import { decodeScenarioHash, encodeScenarioHash } from '../../sim/scenario/url-codec';
import { viewHashPart } from '../../sim/scenario/view-keys';
import { hashKeys } from './hash-edit';
import { useLab } from './store';
import { readViewFromLocation, useView } from './view-flags';

/**
 * Reads the scenario from the URL hash, if there is one. A hand edit of the address (`edited`)
 * with no scenario key keeps the scenario on screen: with view keys only it changes the view; with
 * anything else it is refused whole, the view too (a pinned baseline, an open sweep, projector
 * mode stay), and says so. Returns true when the page's own link must be written back.
 */
function readHash(edited = false): boolean {
  // Read the link once, before anything rewrites it (setting the view flags writes the link).
  const hash = window.location.hash;
  if (edited && hash && hash !== '#') {
    const keys = hashKeys(hash);
    if (keys.scenario === 0 && keys.strangers.length > 0) {
      useLab
        .getState()
        .refuseScenario(
          'The edited link',
          `it has no scenario field in it (${keys.strangers.slice(0, 3).join(', ')})`,
        );
      return true;
    }
    if (keys.scenario === 0) {
      readViewFromLocation(hash);
      return true;
    }
  }
  readViewFromLocation(hash);
  if (!hash || hash === '#') return false;
  const { scenario, issues } = decodeScenarioHash(hash);
  useLab.getState().replaceScenario(scenario, issues, 'The link could not be read in full');
  return false;
}

/**
 * Keeps the URL hash equal to the scenario (history.replaceState, so editing does not flood the
 * history) and follows hand edits of the URL.
 */
export function startUrlSync(): () => void {
  readHash();
  const write = () => {
    // The view keys (embed, projector, …) ride along, so an embedded page stays embedded.
    const next = encodeScenarioHash(useLab.getState().scenario) + viewHashPart(useView.getState());
    if (window.location.hash !== next) history.replaceState(null, '', next);
  };
  write();
  const unsubscribe = useLab.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) write();
  });
  const unsubscribeView = useView.subscribe(write);
  // A refused edit puts the scenario's own link back in the address.
  const onHash = () => {
    if (readHash(true)) write();
  };
  window.addEventListener('hashchange', onHash);
  return () => {
    unsubscribe();
    unsubscribeView();
    window.removeEventListener('hashchange', onHash);
  };
}
