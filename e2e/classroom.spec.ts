import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './helpers';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { encodeScenarioHash } from '../src/sim/scenario/url-codec';

// Issue 9, item 6: classroom layouts from the link.

const linkOf = (id: string): string => {
  const p = findPreset(id);
  if (!p) throw new Error(id);
  return encodeScenarioHash(presetScenario(p));
};
const runDone = (page: Page) =>
  expect(page.locator('section.charts')).toHaveAttribute('data-status', 'done');
const scroll = (page: Page) =>
  page.evaluate(() => {
    const el = document.scrollingElement as Element;
    return { h: el.scrollHeight, w: el.scrollWidth, ih: innerHeight, iw: innerWidth };
  });

// 1280×720 (a 16:9 projector) is 48 px shorter: r6-split's chart ran 41 px below the window, its
// time axis cut off, and remus-failback's and partition-no-fencing's 21 px.
const SCREENS = [
  ...['primary-fails', 'heartbeat-failover', 'remus-bursts', 'r1-credit', 'r6-split'].map((id) => ({
    id,
    width: 1024,
    height: 768,
  })),
  ...['r6-split', 'remus-failback', 'partition-no-fencing'].map((id) => ({
    id,
    width: 1280,
    height: 720,
  })),
];
for (const { id, width, height } of SCREENS) {
  test(`projector mode fits ${id}'s timeline and one chart on a ${width}×${height} screen`, async ({
    page,
  }) => {
    const errors = collectErrors(page);
    await page.setViewportSize({ width, height });
    await page.goto(`./${linkOf(id)}&projector=1`);
    await runDone(page);
    const s = await scroll(page);
    expect(s.h).toBeLessThanOrEqual(s.ih);
    expect(s.w).toBeLessThanOrEqual(s.iw);
    await expect(page.locator('.timeline canvas')).toBeVisible();
    await expect(page.locator('.params, [aria-label="Parameters"]')).toHaveCount(0);
    // Large type: the page's base size is above the normal layout's 17 px.
    const px = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.querySelector('.app') as Element).fontSize),
    );
    expect(px).toBeGreaterThanOrEqual(20);
    const visibleCharts = await page.locator('.charts figure.chart:visible').count();
    if (id !== 'r1-credit') expect(visibleCharts).toBe(1);
    // The chart's time axis, at its foot, is on the screen, not below it.
    if (id !== 'r1-credit') {
      const chart = await page.locator('.charts figure.chart:visible').boundingBox();
      expect((chart?.y ?? Infinity) + (chart?.height ?? 0)).toBeLessThanOrEqual(height);
    }
    expect(errors).toEqual([]);
  });
}

test('projector mode cuts "Look for" to two lines, and "Read it all" shows the rest', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`./${linkOf('pacemaker-partition')}&projector=1`);
  const look = page.locator('#look-for');
  const cut = () => look.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  expect(await cut()).toBe(true);
  const more = page.getByRole('button', { name: 'Read it all' });
  await more.focus();
  await page.keyboard.press('Enter');
  expect(await cut()).toBe(false);
  await expect(page.getByRole('button', { name: 'Show less' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  // Elsewhere the text is whole and the button absent.
  await page.goto(`./${linkOf('pacemaker-partition')}`);
  await expect(page.locator('.explain-more')).toBeHidden();
  expect(await cut()).toBe(false);
});

test('"Read it all" shows only when the cut hides words, measured again on a resize', async ({
  page,
}) => {
  // Presets and windows with wide margins, so another machine's fonts cannot flip them:
  // r4-native-1500's "Look for" is one line on 1280 px, half of what the clamp keeps;
  // r7-live-migration's is over three lines on 1024 px and about two thirds of two on 1920 px.
  const look = page.locator('#look-for');
  const cut = () => look.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`./${linkOf('r4-native-1500')}&projector=1`);
  // Measured on the finished page: while it grows, a scrollbar can narrow the text for a moment.
  await runDone(page);
  expect(await cut()).toBe(false);
  await expect(page.locator('.explain-more')).toHaveCount(0);
  // A new link in the address, then a reload: the page reads the new link both times.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`./${linkOf('r7-live-migration')}&projector=1`);
  await page.reload();
  await runDone(page);
  await expect(page.getByTestId('explain')).toContainText('Live migration');
  const more = page.getByRole('button', { name: 'Read it all' });
  expect(await cut()).toBe(true);
  await expect(more).toBeVisible();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(more).toHaveCount(0);
  expect(await cut()).toBe(false);
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(more).toBeVisible();
  expect(await cut()).toBe(true);
});

test('projector mode shows the chart the link names', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`./${linkOf('primary-fails')}&projector=1&chart=loss`);
  await runDone(page);
  await expect(page.getByTestId('chart-loss')).toBeVisible();
  await expect(page.getByTestId('chart-jitter')).toBeHidden();
});

test('embed=1 with hide= shows one view for a slide, and keeps the view keys across edits', async ({
  page,
}) => {
  await page.goto(`./${linkOf('remus-bursts')}&embed=1&hide=cards,sweep`);
  await runDone(page);
  await expect(page.getByTestId('preset')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Open the full lab' })).toBeVisible();
  await expect(page.locator('section.cards')).toHaveCount(0);
  await expect(page.getByTestId('sweep-open')).toHaveCount(0);
  await expect(page.locator('.timeline canvas')).toBeVisible();
  // The link's view keys are not scenario fields: no notice about them.
  await expect(page.getByTestId('notices')).toHaveCount(0);
  // An edit on the timeline keeps the page embedded.
  const handle = page.getByRole('slider', { name: /Checkpoint interval/ });
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/replication\.intervalMs=4\d\d.*&embed=1&hide=cards,sweep/);
  const full = await page.getByRole('link', { name: 'Open the full lab' }).getAttribute('href');
  expect(full).not.toContain('embed');
});

test('a 390 px phone: the lesson, sweep and key panels add no sideways scroll', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`./${linkOf('primary-fails')}`);
  await runDone(page);
  await page.getByTestId('sweep-open').click();
  expect((await scroll(page)).w).toBeLessThanOrEqual(390);
  await page.getByTestId('lesson-start').click();
  expect((await scroll(page)).w).toBeLessThanOrEqual(390);
  await page.getByTestId('keys-open').click();
  expect((await scroll(page)).w).toBeLessThanOrEqual(390);
});
