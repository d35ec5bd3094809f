import { describe, expect, it } from 'vitest';
import {
  MIN_CHART_HEIGHT,
  PROJECTOR_DESIGN_HEIGHT,
  projectorChartHeight,
} from '../src/ui/charts/projector-fit';

// Projector mode on a 1280×720 screen cut r6-split's chart axis off: the layout fills 768 px.
describe('projectorChartHeight', () => {
  it('keeps the usual height on a screen as tall as the layout was made for, or taller', () => {
    expect(projectorChartHeight(190, PROJECTOR_DESIGN_HEIGHT)).toBe(190);
    expect(projectorChartHeight(190, 1080)).toBe(190);
  });

  it('gives up the rows a shorter screen lacks: 48 px on 1280×720', () => {
    expect(projectorChartHeight(190, 720)).toBe(142);
  });

  it('stops at the floor, and leaves a chart already below it alone', () => {
    expect(projectorChartHeight(190, 500)).toBe(MIN_CHART_HEIGHT);
    expect(projectorChartHeight(130, 720)).toBe(MIN_CHART_HEIGHT);
    expect(projectorChartHeight(100, 600)).toBe(100);
  });
});
