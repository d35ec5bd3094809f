import { decodeScenarioHash, encodeScenarioHash } from '../../sim/scenario/url-codec';
import { useLab } from './store';

/** Reads the scenario from the URL hash, if there is one. */
function readHash(): void {
  const hash = window.location.hash;
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
    const next = encodeScenarioHash(useLab.getState().scenario);
    if (window.location.hash !== next) history.replaceState(null, '', next);
  };
  write();
  const unsubscribe = useLab.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) write();
  });
  const onHash = () => readHash();
  window.addEventListener('hashchange', onHash);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHash);
  };
}
