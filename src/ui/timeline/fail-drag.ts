import * as d3 from 'd3';
import { useEffect, type RefObject } from 'react';

/** Keys a time marker answers: arrows step (Shift ×10), Home and End jump. Undefined: not ours. */
export function keyTarget(
  e: React.KeyboardEvent,
  value: number,
  step: number,
  home: number,
  end: number,
): number | undefined {
  const s = step * (e.shiftKey ? 10 : 1);
  if (e.key === 'ArrowRight' || e.key === 'ArrowUp') return value + s;
  if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') return value - s;
  if (e.key === 'Home') return home;
  if (e.key === 'End') return end;
  return undefined;
}

/** Makes an SVG group draggable along the time axis; `onTime` gets the pointer's time in s. */
export function useTimeDrag(
  ref: RefObject<SVGGElement | null>,
  x: d3.ScaleLinear<number, number>,
  onTime: (s: number) => void,
): void {
  useEffect(() => {
    const g = ref.current;
    if (!g) return;
    const drag = d3
      .drag<SVGGElement, unknown>()
      .on('drag', (ev: d3.D3DragEvent<SVGGElement, unknown, unknown>) =>
        onTime(x.invert(ev.x) / 1e6),
      );
    d3.select(g).call(drag);
    return () => {
      d3.select(g).on('.drag', null);
    };
  });
}
