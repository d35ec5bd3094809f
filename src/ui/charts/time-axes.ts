import * as d3 from 'd3';
import { MARGIN_LEFT } from '../timeline/layout';
import { timeTickFormat } from '../timeline/time-ticks';

/** Draws the shared time axis (bottom) and a value axis (left) of a chart aligned with the timeline. */
export function drawTimeAxes(
  svg: SVGSVGElement,
  x: d3.ScaleLinear<number, number>,
  y: d3.ScaleLinear<number, number>,
  plotH: number,
  width: number,
): void {
  const [t0, t1] = x.domain() as [number, number];
  const count = Math.max(2, Math.floor(width / 110));
  const label = timeTickFormat(t0, t1, count);
  const s = d3.select(svg);
  s.select<SVGGElement>('g.x-axis')
    .attr('transform', `translate(0, ${plotH})`)
    .call(
      d3
        .axisBottom(x)
        .ticks(count)
        .tickFormat((t) => label(Number(t))),
    );
  s.select<SVGGElement>('g.y-axis')
    .attr('transform', `translate(${MARGIN_LEFT}, 0)`)
    .call(d3.axisLeft(y).ticks(4));
}
