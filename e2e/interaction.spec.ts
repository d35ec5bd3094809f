import { expect, test } from '@playwright/test';
import { PRESETS } from '../src/sim/scenario/presets';
import { collectErrors, waitForRun } from './helpers';

test('after every preset switch the time axis sits below the last lane', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForRun(page);
  // Forwards then backwards: every change of lane count, up and down.
  for (const p of [...PRESETS, ...PRESETS.slice().reverse()]) {
    await page.getByTestId('preset').selectOption(p.id);
    await waitForRun(page);
    const { svgHeight, axisY } = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid=timeline]') as SVGSVGElement;
      const g = svg.querySelector('g.axis') as SVGGElement;
      const m = /translate\(0,\s*([\d.]+)\)/.exec(g.getAttribute('transform') ?? '');
      return { svgHeight: Number(svg.getAttribute('height')), axisY: Number(m?.[1]) };
    });
    // layout.ts: AXIS_HEIGHT = 30 below the lanes.
    expect(axisY, p.id).toBe(svgHeight - 30);
  }
  expect(errors).toEqual([]);
});
