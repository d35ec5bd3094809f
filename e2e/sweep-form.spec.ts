import { expect, test, type Page } from '@playwright/test';
import { collectErrors, waitForRun } from './helpers';

// A user walkthrough of the sweep panel: the chart after a change of metric, the form of a sweep
// opened from a link, the form's checks, and the heat map's labels at 1024 px.

/** The sweep spec the page's link holds now. */
function linkedSpec(page: Page): Record<string, unknown> {
  const part = new URL(page.url()).hash
    .slice(1)
    .split('&')
    .find((p) => p.startsWith('sweep='));
  return JSON.parse(decodeURIComponent((part ?? 'sweep={}').slice('sweep='.length))) as Record<
    string,
    unknown
  >;
}

const metricSelect = (page: Page) => page.getByRole('combobox', { name: /^Metric/ });
const axis = (page: Page, n: 0 | 1) => page.locator('.sweep-axis').nth(n);

async function done(page: Page): Promise<void> {
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
}

test('a metric chosen after a run is charted from the runs, or said to be the last run’s', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./#durationS=3&telephony.calls=20');
  await waitForRun(page);
  await page.getByTestId('sweep-open').click();
  await page.locator('#sweep-axis1-path').selectOption('telephony.calls');
  const range = axis(page, 0).locator('input');
  await range.nth(0).fill('20');
  await range.nth(1).fill('400');
  await range.nth(2).fill('3');
  await metricSelect(page).selectOption('lossPct');
  await page.getByTestId('sweep-run').click();
  await done(page);
  const chart = page.getByTestId('sweep-chart');
  await expect(chart).toHaveAttribute('aria-label', /^RTP loss \(mean of streams\) \(%\) against/);
  // The runs measured jitter too: the chart re-draws it, with no new run, and the link follows.
  await metricSelect(page).selectOption('jitterMs');
  await expect(chart).toHaveAttribute('aria-label', /^RFC 3550 jitter \(mean of streams\) \(ms\)/);
  await expect(chart.locator('.sweep-point').first()).toHaveAttribute('aria-label', /jitter/);
  await expect(page.getByTestId('sweep-stale')).toHaveCount(0);
  await expect(page.getByTestId('sweep-progress-text')).toContainText('3/3 runs');
  await expect.poll(() => (linkedSpec(page).metrics as string[])[0]).toBe('jitterMs');
  await page.getByTestId('sweep').screenshot({ path: 'test-results/sweep-form-metric.png' });
  // A metric the runs did not measure (a web server's, offered once an axis varies w1's kind):
  // the chart stays on the last run's metric and says so.
  await page.locator('#sweep-axis1-path').selectOption('workloads.w1.kind');
  await metricSelect(page).selectOption('w1ReplyRate');
  await expect(page.getByTestId('sweep-stale')).toHaveText(
    'Showing RFC 3550 jitter (mean of streams) from the last run: its runs did not measure w1: web reply rate. Run the sweep again to chart it.',
  );
  await expect(chart).toHaveAttribute('aria-label', /^RFC 3550 jitter/);
  expect(errors).toEqual([]);
});

test('a sweep opened from a link fills the form, and Run runs that sweep again', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const spec = {
    sweepVersion: 1,
    scenario: '#telephony.calls=1',
    set: { durationS: 2 },
    vary: [
      { path: 'telephony.calls', from: 1, to: 20, steps: 2 },
      { path: 'replication.policy', values: ['net', 'none', 'tcp-only'] },
    ],
    seeds: 1,
    metrics: ['latePct'],
  };
  await page.goto(`./#telephony.calls=1&sweep=${encodeURIComponent(JSON.stringify(spec))}`);
  await done(page);
  await expect(page.getByTestId('sweep-progress-text')).toContainText('6/6 runs');
  await expect(page.locator('#sweep-axis1-path')).toHaveValue('telephony.calls');
  const range = axis(page, 0).locator('input');
  await expect(range.nth(0)).toHaveValue('1');
  await expect(range.nth(1)).toHaveValue('20');
  await expect(range.nth(2)).toHaveValue('2');
  await expect(page.locator('#sweep-axis2-path')).toHaveValue('replication.policy');
  for (const c of ['net', 'none', 'tcp-only'])
    await expect(axis(page, 1).getByLabel(c, { exact: true })).toBeChecked();
  await expect(page.getByLabel('Seeds per point')).toHaveValue('1');
  await expect(metricSelect(page)).toHaveValue('latePct');
  await expect(page.getByTestId('sweep-fixed-setting')).toHaveText(['Simulated time = 2 s Remove']);
  // The price is the linked sweep's: its 6 runs, not the defaults' 16.
  await expect(page.getByTestId('sweep-cost')).toContainText(/^6 runs · about/);
  await page.getByTestId('sweep').screenshot({ path: 'test-results/sweep-form-link.png' });
  await page.getByTestId('sweep-run').click();
  await done(page);
  await expect(page.getByTestId('sweep-progress-text')).toContainText('6/6 runs');
  const again = linkedSpec(page);
  expect(again.set).toEqual(spec.set);
  expect(again.vary).toEqual(spec.vary);
  expect(again.metrics).toEqual(spec.metrics);

  // A link the old form could not show at all: another base, a list of numbers, some choices.
  const other = {
    sweepVersion: 1,
    scenario: '#durationS=2&telephony.calls=2',
    vary: [
      { path: 'replication.intervalMs', values: [100, 300] },
      { path: 'replication.policy', values: ['net', 'none'] },
    ],
    metrics: ['lossPct'],
  };
  await page.goto(`./#durationS=3&sweep=${encodeURIComponent(JSON.stringify(other))}`);
  await done(page);
  await expect(axis(page, 0).getByLabel('values', { exact: true })).toHaveValue('100, 300');
  await expect(axis(page, 1).getByLabel('tcp-only')).not.toBeChecked();
  await expect(axis(page, 1).getByLabel('none')).toBeChecked();
  const fixed = page.getByTestId('sweep-fixed');
  await expect(fixed).toContainText('Base scenario: the link’s, #durationS=2&telephony.calls=2');
  // Dropping the link's base sweeps the scenario on screen instead, as the panel says.
  await fixed.getByRole('button', { name: 'Use the one on screen' }).click();
  await expect(page.getByTestId('sweep-fixed')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('each bad box says what it takes, Run is off until they are right, nothing typed is lost', async ({
  page,
}) => {
  await page.goto('./#durationS=3&telephony.calls=1');
  await waitForRun(page);
  await page.getByTestId('sweep-open').click();
  const run = page.getByTestId('sweep-run');
  const cost = page.getByTestId('sweep-cost');
  const range = axis(page, 0).locator('input');
  const seeds = page.getByLabel('Seeds per point');
  // The limits are the real ones, whatever is typed.
  await expect(seeds).toHaveAttribute('max', '100');
  await expect(range.nth(2)).toHaveAttribute('min', '2');
  await expect(range.nth(2)).toHaveAttribute('max', '200');
  /** The box is marked invalid and described by `message`, shown beside it. */
  const said = async (box: ReturnType<Page['locator']>, message: string) => {
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(box).toHaveAccessibleDescription(message);
    await expect(page.getByText(message, { exact: true })).toBeVisible();
    await expect(run).toBeDisabled();
    await expect(cost).toContainText('Not ready to run');
  };
  for (const v of ['0', '100000']) {
    await range.nth(2).fill(v);
    await said(range.nth(2), 'Steps: a whole number from 2 to 200.');
  }
  await range.nth(2).fill('4');
  await range.nth(0).fill('');
  await said(range.nth(0), 'From: a whole number from 10 to 2000 ms.');
  await range.nth(0).fill('100');
  for (const v of ['0', '101']) {
    await seeds.fill(v);
    await said(seeds, 'Seeds per point: a whole number from 1 to 100.');
    await expect(seeds).toHaveValue(v);
    await expect(seeds).toHaveAttribute('max', '100');
  }
  await range.nth(2).fill('0');
  await expect(cost).toHaveText('Not ready to run: 2 boxes need a fix (said beside it).');
  await page.getByTestId('sweep').screenshot({ path: 'test-results/sweep-form-invalid.png' });
  // Enter in a bad box starts nothing.
  await seeds.press('Enter');
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'idle');
  await range.nth(2).fill('4');
  await seeds.fill('2');
  await expect(seeds).toHaveAttribute('aria-invalid', 'false');
  await expect(cost).toContainText(/^8 runs · about/);
  await expect(run).toBeEnabled();
  await expect(page.locator('.sweep [aria-invalid="true"]')).toHaveCount(0);
});

test('the heat map’s row labels and its title do not overlap at 1024 px', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  const spec = {
    sweepVersion: 1,
    scenario: '#durationS=2&telephony.calls=1',
    vary: [
      { path: 'telephony.calls', from: 1, to: 20, steps: 2 },
      { path: 'replication.policy', values: ['net', 'none', 'tcp-only'] },
    ],
    metrics: ['lossPct'],
  };
  await page.goto(
    `./#durationS=2&telephony.calls=1&sweep=${encodeURIComponent(JSON.stringify(spec))}`,
  );
  await done(page);
  const heat = page.getByTestId('sweep-heatmap');
  await expect(heat.locator('.sweep-point')).toHaveCount(6);
  const boxes = await heat.evaluate((svg) => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return {
        text: e.textContent ?? '',
        left: r.left,
        right: r.right,
        top: r.top,
        bottom: r.bottom,
      };
    };
    return {
      svg: box(svg),
      title: [...svg.querySelectorAll('text.axis-label')].map(box),
      rows: [...svg.querySelectorAll('text.tick-label[text-anchor="end"]')].map(box),
      cells: [...svg.querySelectorAll('rect')].map(box),
    };
  });
  expect(boxes.rows.map((r) => r.text)).toEqual(['net', 'none', 'tcp-only']);
  const apart = (a: (typeof boxes.rows)[number], b: (typeof boxes.rows)[number]) =>
    a.right + 2 <= b.left ||
    b.right + 2 <= a.left ||
    a.bottom + 2 <= b.top ||
    b.bottom + 2 <= a.top;
  const cellsLeft = Math.min(...boxes.cells.map((c) => c.left));
  for (const row of boxes.rows) {
    // Inside the chart, clear of every title, and left of the cells.
    expect(row.left).toBeGreaterThanOrEqual(boxes.svg.left);
    for (const t of boxes.title) expect(apart(row, t), `${row.text} / ${t.text}`).toBe(true);
    expect(row.right).toBeLessThanOrEqual(cellsLeft);
  }
  await heat.screenshot({ path: 'test-results/sweep-form-heatmap.png' });
});
