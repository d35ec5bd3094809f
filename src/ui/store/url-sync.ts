import { decodeScenarioHash, encodeScenarioHash } from '../../sim/scenario/url-codec';
import { viewHashPart } from '../../sim/scenario/view-keys';
import { hashKeys } from './hash-edit';
import { useLab } from './store';
import { readViewFromLocation, useView } from './view-flags';

/**
 * Reads the scenario from the URL hash, if there is one. A hand edit of the address (`edited`)
 * with no scenario key keeps the scenario on screen: with view keys only it changes the view; with
 * anything else it is refused whole, the view too (a pinned baseline, an open sweep, projector
 * mode stay), and says so.
 */
function readHash(edited = false): void {
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
      return;
    }
    if (keys.scenario === 0) {
      readViewFromLocation(hash);
      return;
    }
  }
  readViewFromLocation(hash);
  if (!hash || hash === '#') return;
  const { scenario, issues } = decodeScenarioHash(hash);
  useLab.getState().replaceScenario(scenario, issues, 'The link could not be read in full');
}

/**
 * Keeps the URL hash equal to the scenario (history.replaceState, so editing does not flood the
 * history) and follows hand edits of the URL.
 */
export function startUrlSync(): () => void {
  // While a link is read, the view is set before the scenario: a write between them would put the
  // old scenario in the address for a moment, and a reload in that moment (it happened in a browser
  // test) reopens the old scenario. So the link is written once, after it is read.
  let reading = false;
  const read = (edited: boolean) => {
    reading = true;
    try {
      readHash(edited);
    } finally {
      reading = false;
    }
    write();
  };
  const write = () => {
    if (reading) return;
    // The view keys (embed, projector, …) ride along, so an embedded page stays embedded.
    const next = encodeScenarioHash(useLab.getState().scenario) + viewHashPart(useView.getState());
    if (window.location.hash !== next) history.replaceState(null, '', next);
  };
  read(false);
  const unsubscribe = useLab.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) write();
  });
  const unsubscribeView = useView.subscribe(write);
  // A refused edit puts the scenario's own link back in the address.
  const onHash = () => read(true);
  window.addEventListener('hashchange', onHash);
  return () => {
    unsubscribe();
    unsubscribeView();
    window.removeEventListener('hashchange', onHash);
  };
}
