import { decodeScenarioHash, encodeScenarioHash } from '../../sim/scenario/url-codec';
import { viewHashPart } from '../../sim/scenario/view-keys';
import { useLab } from './store';
import { readViewFromLocation, useView } from './view-flags';

/** Reads the scenario from the URL hash, if there is one. */
function readHash(): void {
  // Read the link once, before anything rewrites it (setting the view flags writes the link).
  const hash = window.location.hash;
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
  const onHash = () => readHash();
  window.addEventListener('hashchange', onHash);
  return () => {
    unsubscribe();
    unsubscribeView();
    window.removeEventListener('hashchange', onHash);
  };
}
