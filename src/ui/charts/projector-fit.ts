import { useSyncExternalStore } from 'react';
import { useView } from '../store/view-flags';

/**
 * The window height projector mode's fixed parts (toolbar, story, playback, compact lanes) and
 * charts were sized for: r6-split's page fills a 1024×768 screen to the pixel. A shorter screen
 * (1280×720, the common 16:9 projector) has nothing else to give without losing a lane or the
 * story, so its shortfall comes off the chart, which stays readable down to MIN_CHART_HEIGHT.
 */
export const PROJECTOR_DESIGN_HEIGHT = 768;
/** Below this a chart has too few y ticks to read; the page scrolls instead. */
export const MIN_CHART_HEIGHT = 120;

/** A chart's height in projector mode on a window `windowHeight` px tall (`height`: its usual height). */
export function projectorChartHeight(height: number, windowHeight: number): number {
  const short = Math.max(0, PROJECTOR_DESIGN_HEIGHT - windowHeight);
  // A chart already below the floor keeps its own height; the others stop at the floor.
  return Math.max(Math.min(height, MIN_CHART_HEIGHT), height - short);
}

const onResize = (notify: () => void) => {
  window.addEventListener('resize', notify);
  return () => window.removeEventListener('resize', notify);
};
const windowHeight = () => window.innerHeight;

/** A chart's height: its usual one, or in projector mode what fits the window (re-read on resize). */
export function useChartHeight(height: number): number {
  const projector = useView((v) => v.projector);
  const h = useSyncExternalStore(onResize, windowHeight);
  return projector ? projectorChartHeight(height, h) : height;
}
