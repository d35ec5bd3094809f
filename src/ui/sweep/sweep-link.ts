import { useView } from '../store/view-flags';
import { useSweep } from './sweep-store';

/** Runs the sweep the link holds, unless it is the one shown (the panel wrote it there). */
function startSweepFromLink(text: string): void {
  if (!text) return;
  const { spec: shown, open } = useSweep.getState();
  if (open && shown && JSON.stringify(shown) === text) return;
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch {
    useSweep.setState({
      open: true,
      status: 'error',
      problems: ['sweep: the link’s sweep is not valid JSON'],
    });
    return;
  }
  useSweep.getState().startSpec(spec);
}

let following = false;

/**
 * A link with `sweep=…` opens the sweep panel and runs that sweep: the one the page opened with,
 * and one pasted into the address bar of an open tab later (a hash change). Called when the
 * sweep's code has loaded (SweepSection), so a load that failed and is tried again still runs it.
 */
export function followSweepLink(): void {
  if (following) return;
  following = true;
  startSweepFromLink(useView.getState().sweep);
  useView.subscribe((v, prev) => {
    if (v.sweep !== prev.sweep) startSweepFromLink(v.sweep);
  });
}
