import { useLab } from '../store/store';

/**
 * The one way the timeline, the overview brush and the keys change the shared view window.
 *
 * d3-zoom and d3-brush re-use the gesture in progress when they are moved programmatically
 * (zoom.transform and brush.move during a wheel or drag), so the sync effect's own move comes
 * back as an event carrying the wheel's sourceEvent. Setting the store from it re-ran the effect;
 * the float round trip (domain → transform → domain) never settled exactly, and React gave up
 * with error 185 (maximum update depth). Whole microseconds (the model's unit) and a compare
 * before setting make the round trip a fixed point: the second pass sets nothing.
 */
export function setViewWindow(a: number, b: number, durationUs: number): boolean {
  const start = Math.max(0, Math.round(a));
  const end = Math.min(durationUs, Math.round(b));
  if (!(end > start)) return false;
  const st = useLab.getState();
  if (sameWindow(st.viewStartUs, st.viewEndUs, start, end)) return false;
  st.setView(start, end);
  return true;
}

/** Two windows equal to the microsecond (what a scale's float round trip preserves). */
export const sameWindow = (a0: number, b0: number, a1: number, b1: number): boolean =>
  Math.abs(a0 - a1) < 1 && Math.abs(b0 - b1) < 1;
