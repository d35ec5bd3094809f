import type { ReactNode } from 'react';
import { MARGIN_LEFT, MARGIN_RIGHT } from '../timeline/layout';

/** Clips a chart's series to its plot area (between the gutters, above the time axis). */
export function PlotClip({
  id,
  width,
  height,
  children,
}: {
  id: string;
  width: number;
  height: number;
  children: ReactNode;
}) {
  return (
    <>
      <defs>
        <clipPath id={`clip-${id}`}>
          <rect
            x={MARGIN_LEFT}
            y={0}
            width={Math.max(0, width - MARGIN_LEFT - MARGIN_RIGHT)}
            height={height}
          />
        </clipPath>
      </defs>
      <g clipPath={`url(#clip-${id})`}>{children}</g>
    </>
  );
}
