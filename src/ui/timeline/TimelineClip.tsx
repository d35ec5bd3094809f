import type { ReactNode } from 'react';

/**
 * Clips marks on the timeline's overlay to its plot area: between the gutters (the time scale's
 * range) and over the lanes (`height`, the axis excluded). Marks placed at times outside the
 * window (zoomed past them) would otherwise draw over the lane labels in the left gutter.
 * `id` must be unique in the page (there is one timeline). `bleed` widens the clip by that many px
 * on each side, for a grip centred on a time at the plot's edge (it stays whole there).
 */
export function TimelineClip({
  id,
  x,
  height,
  bleed = 0,
  children,
}: {
  id: string;
  x: d3.ScaleLinear<number, number>;
  height: number;
  bleed?: number;
  children: ReactNode;
}) {
  const [left = 0, right = 0] = x.range();
  return (
    <>
      <defs>
        <clipPath id={id}>
          <rect
            x={left - bleed}
            y={0}
            width={Math.max(0, right - left + 2 * bleed)}
            height={Math.max(0, height)}
          />
        </clipPath>
      </defs>
      <g clipPath={`url(#${id})`}>{children}</g>
    </>
  );
}
