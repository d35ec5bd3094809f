import { expect, test } from '@playwright/test';
import { PRESETS } from '../src/sim/scenario/presets';
import { collectErrors, waitForRun } from './helpers';

test('after every preset switch the time axis sits below the last lane', async ({ page }) => {
  // Two runs of every preset (25 of them now): more than the default minute on a busy machine.
  test.setTimeout(240_000);
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

test('keyboard: a skip link reaches the timeline, and the interval handle keeps focus through recomputes', async ({
  page,
}) => {
  await page.goto('/#v=1&durationS=20&replication.intervalMs=400');
  await waitForRun(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the timeline' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timeline')).toBeFocused();
  await page.keyboard.press('Tab');
  const handle = page.getByTestId('interval-handle');
  await expect(handle).toBeFocused();
  // Four presses while each edit restarts the run: every one lands on the handle.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(handle).toBeFocused();
  await expect(handle).toHaveAttribute('aria-valuenow', '420');
  await expect(page).toHaveURL(/replication\.intervalMs=420/);
  await waitForRun(page);
  await expect(handle).toBeFocused();
});

test('the failure handle moves in whole tenths of a second', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  const handle = page.getByTestId('failure-handle');
  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(handle).toHaveAttribute('aria-valuenow', '29.9');
  await expect(page).toHaveURL(/failures\.f1\.atS=29\.9(&|$)/);
  await expect(handle.locator('text')).toHaveText('▲ crash h1 29.9 s');
});

test('an invalid number keeps the current value; box and slider agree after clamping', async ({
  page,
}) => {
  await page.goto('/#v=1&durationS=10&replication.intervalMs=400');
  await waitForRun(page);
  const box = page.locator('[data-path-box="replication.intervalMs"]');
  const slider = page.locator('input[type=range][data-path="replication.intervalMs"]');
  await box.fill('');
  await box.press('Enter');
  // Not the default (200 ms): the value the reader had.
  await expect(box).toHaveValue('400');
  await expect(slider).toHaveValue('400');
  await expect(page.getByText('Not a number; kept 400 ms.')).toBeVisible();
  expect(page.url()).toContain('replication.intervalMs=400');
  for (let i = 0; i < 2; i++) {
    // Above the 2000 ms maximum, twice: the second time the stored value does not change.
    await box.fill('99999');
    await box.press('Enter');
    await expect(box).toHaveValue('2000');
    await expect(slider).toHaveValue('2000');
  }
});

test('an edit keeps the preset story, marked as modified', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('preset').selectOption('net-vs-nonet-media');
  await waitForRun(page);
  await page.locator('select[data-path="replication.policy"]').selectOption('none');
  const explain = page.getByTestId('explain');
  await expect(explain).toContainText('Look for:');
  await expect(explain).toContainText('switch Output buffering to No-Net');
  await expect(page.getByTestId('explain-modified')).toBeVisible();
  await expect(page.getByTestId('preset').locator('option:checked')).toHaveText(
    'Net vs No-Net for media (modified)',
  );
  // A different preset is a fresh start again.
  await page.getByTestId('preset').selectOption('tcp-only');
  await expect(page.getByTestId('explain-modified')).toHaveCount(0);
});

test('the layout does not move under the pointer while a handle is dragged', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('preset').selectOption('remus-bursts');
  await waitForRun(page);
  const timeline = page.getByTestId('timeline');
  const before = await timeline.boundingBox();
  const grip = await page.getByTestId('interval-handle').locator('rect.grip').boundingBox();
  if (!before || !grip) throw new Error('no timeline or handle');
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 60, grip.y + grip.height / 2, { steps: 6 });
  await page.waitForTimeout(300);
  const during = await timeline.boundingBox();
  await page.screenshot({ path: '/tmp/ui-drag-during.png' });
  await page.mouse.up();
  expect(during?.y).toBe(before.y);
  expect(during?.x).toBe(before.x);
});

test('lanes with nothing to show are left out', async ({ page }) => {
  await page.goto('/');
  const lanes = page.getByTestId('timeline');
  await page.getByTestId('preset').selectOption('r1-credit');
  await waitForRun(page);
  // Replication off, no crash: no checkpoint, buffer or heartbeat lane, no crash marker.
  await expect(lanes).toHaveAttribute('data-lanes', /^(cpu ?)+$/);
  await expect(page.getByTestId('failure-handle')).toHaveCount(0);
  // … and the legend lists no marks those lanes would have drawn.
  const legend = page.getByLabel('Legend');
  await expect(legend).not.toContainText('checkpoint pause');
  await expect(legend).not.toContainText('heartbeat missed');
  await page.getByTestId('preset').selectOption('remus-bursts');
  await waitForRun(page);
  await expect(lanes).toHaveAttribute('data-lanes', /cpu epochs buffer heartbeat$/);
  await page.locator('select[data-path="replication.policy"]').selectOption('none');
  await expect(lanes).toHaveAttribute('data-lanes', /cpu epochs heartbeat$/);
  await expect(legend).not.toContainText('packets held');
  await expect(legend).toContainText('checkpoint pause');
});

test('a 390 px screen does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await waitForRun(page);
  // Each preset opens panels the default does not have (RTT CDF, CPU shares, NIC charts).
  for (const id of ['r1-credit', 'r3-credit', 'r4-dba']) {
    await page.getByTestId('preset').selectOption(id);
    await waitForRun(page);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll, id).toBeLessThanOrEqual(client);
  }
});

test('nines only for a failover that repaired an outage; R4 names netback CPU', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  await expect(page.getByTestId('card-availability')).toContainText('nines');
  await page.getByTestId('preset').selectOption('r1-credit');
  await waitForRun(page);
  await expect(page.getByTestId('card-availability')).toHaveCount(0);
  await page.getByTestId('preset').selectOption('r4-dba');
  await waitForRun(page);
  await expect(page.getByTestId('card-cpu')).toContainText('driver-domain netback');
  // A checkpoint interval longer than the stream timeout: the backup takes over a live primary.
  await page.goto('/#v=1&durationS=20&replication.intervalMs=1630');
  await waitForRun(page);
  await expect(page.getByTestId('card-false-failover')).toBeVisible();
  await expect(page.getByTestId('card-availability')).toHaveCount(0);
});

test('a fraction in a whole-number VM cell rounds instead of falling back to the default', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('preset').selectOption('r1-credit');
  await waitForRun(page);
  const cell = page.locator('input.cell-number[data-path="vms.vm2.weight"]');
  await cell.scrollIntoViewIfNeeded();
  await cell.fill('300.6');
  await expect(cell).toHaveValue('301');
  await expect(page).toHaveURL(/vms\.vm2\.weight=301/);
});

test('the error page reloads the current link, keeping the scenario', async ({ page }) => {
  // A drawing failure on demand: the canvas throws while sessionStorage says so.
  await page.addInitScript(() => {
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (...args) {
      if (sessionStorage.getItem('break-drawing') === '1') throw new Error('drawing failed (test)');
      return fillText.apply(this, args);
    };
  });
  const link = '/#v=1&durationS=10&replication.intervalMs=350';
  await page.goto(link);
  await waitForRun(page);
  await page.evaluate(() => sessionStorage.setItem('break-drawing', '1'));
  await page.getByTestId('timeline').focus();
  await page.keyboard.press('+');
  await expect(page.locator('.crash-page')).toBeVisible();
  await page.evaluate(() => sessionStorage.removeItem('break-drawing'));
  await page.getByRole('button', { name: 'Reload this scenario' }).click();
  await waitForRun(page);
  await expect(page.locator('[data-path-box="replication.intervalMs"]')).toHaveValue('350');
  expect(page.url()).toContain('replication.intervalMs=350');
});
