import { useView } from '../store/view-flags';
import { useSweep } from './sweep-store';

/** A link with `sweep=…` opens the sweep panel and runs that sweep (once, when the page opens). */
export function startSweepFromLink(): void {
  const text = useView.getState().sweep;
  if (!text) return;
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
