import { expect, test } from '@playwright/test';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { setPath } from '../src/sim/scenario/scenario';
import { encodeScenarioHash } from '../src/sim/scenario/url-codec';
import { collectErrors, waitForRun } from './helpers';

// Issue 11 item 5: each workload slot in use gets a result card with what its own tool measures.
test('a card per workload: web replies/s and backlog drops, a transfer’s completion time, a stream’s loss', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(
    './#durationS=10&workloads.w1.kind=web&workloads.w2.kind=transfer&workloads.w3.kind=stream-udp&workloads.w4.kind=stream-tcp',
  );
  await waitForRun(page);
  const web = page.getByTestId('card-workload-1');
  await expect(web).toContainText('w1 · web server on vm1');
  await expect(web.locator('.card-value')).toHaveText(/^\d+ replies\/s$/);
  await expect(web).toContainText(/SYNs? dropped at the full backlog/);
  await expect(page.getByTestId('card-workload-2').locator('.card-value')).toHaveText(
    /^done in \d+\.\d\d s$|^not finished$/,
  );
  await expect(page.getByTestId('card-workload-3').locator('.card-value')).toHaveText(
    /^\d+\.\d\d % lost$/,
  );
  await expect(page.getByTestId('card-workload-4').locator('.card-value')).toHaveText(
    /^\d+\.\d\d Mb\/s$/,
  );
  await expect(page.locator('section.cards')).not.toContainText('NaN');
  await page.locator('section.cards').screenshot({ path: 'test-results/workload-cards.png' });
  // No workload: no card.
  await page.goto('./#durationS=3');
  await waitForRun(page);
  await expect(page.locator('[data-testid^="card-workload-"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

// Workloads over time: a chart per workload (done and failed per second), their latencies, and a
// row each in the service outages, from the Workload records' 100 ms bins.
test('workload charts and outage rows show a host crash and the failover', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(
    './#durationS=12&telephony.calls=0&vms.vm1.protection=standby&failure.detector=heartbeat' +
      '&failure.warnMs=1500&failure.deadMs=2500&failures.f1.kind=host-crash&failures.f1.atS=3' +
      '&workloads.w1.kind=stream-udp&workloads.w1.direction=from-vm&workloads.w1.costUs=20' +
      '&workloads.w2.kind=web&workloads.w2.rate=20&workloads.w2.timeoutS=2',
  );
  await waitForRun(page);
  const udp = page.getByTestId('chart-workload-1');
  await expect(udp).toContainText('w1 · UDP stream on vm1: packets received and packets lost');
  await expect(page.getByTestId('chart-workload-2')).toContainText('replies and client time-outs');
  await expect(page.getByTestId('chart-workload-latency')).toContainText('w2 web server');
  // Bars drawn for both series (received before and after, lost in the outage).
  expect(await udp.locator('rect').count()).toBeGreaterThan(10);
  const bars = page.getByTestId('outage-bars');
  await bars.scrollIntoViewIfNeeded();
  // The last packet before the crash at 3 s to the first after the takeover at 4.52 s (Heartbeat
  // declares the primary dead 1.5 s after the crash, the standby resumes in 20 ms): 78 packets at
  // 50/s are lost, ≈ 1.56 s; the bar's ends are the units' own times (WorkloadIdle, the bin's first).
  const seconds = Number.parseFloat(
    (await page.getByTestId('outage-w1').locator('.outage-length').first().textContent()) ?? '',
  );
  expect(seconds).toBeGreaterThan(1.52);
  expect(seconds).toBeLessThan(1.62);
  await expect(page.getByTestId('outage-w2')).toHaveCount(1);
  await expect(page.getByTestId('outage-list')).toContainText('w1 UDP stream: out from');
  await bars.screenshot({ path: 'test-results/workload-outages.png' });
  await udp.screenshot({ path: 'test-results/workload-chart.png' });
  await expect(page.locator('section.charts')).not.toContainText(/NaN|undefined|Infinity/);
  expect(errors).toEqual([]);
});

// The same failover seen by the media relay, the web probe and a web workload at the same rate.
// The workload's and the media's outages are both silences (from the last answer released before
// the crash: under Net the uncommitted epoch's answers die with the primary) and agree; the probe's
// is read from its lost packets, from the crash on, so it is shorter by that last epoch.
test('a web workload’s outage agrees with the media relay’s on the same failover', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const preset = findPreset('primary-fails');
  if (!preset) throw new Error('preset primary-fails is missing');
  const set: [string, string | number | boolean][] = [
    ['web.enabled', true],
    ['web.rate', 200],
    ['workloads.w1.kind', 'web'],
    ['workloads.w1.rate', 200],
  ];
  const s = set.reduce((acc, [k, v]) => setPath(acc, k, v), presetScenario(preset));
  await page.goto(`./${encodeScenarioHash(s)}`);
  await waitForRun(page);
  await page.getByTestId('outage-bars').scrollIntoViewIfNeeded();
  const seconds = async (id: string) =>
    Number.parseFloat(
      (await page.getByTestId(`outage-${id}`).locator('.outage-length').first().textContent()) ??
        '',
    );
  const probe = await seconds('web');
  const work = await seconds('w1');
  const media = await seconds('media');
  expect(probe).toBeGreaterThan(0.7);
  expect(Math.abs(work - media)).toBeLessThan(0.05);
  expect(work).toBeGreaterThan(probe);
  expect(work - probe).toBeLessThan(0.25);
  expect(errors).toEqual([]);
});

test('workload rows: not started yet, and a VM that is not there is an outage from the start', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(
    './#durationS=6&telephony.calls=0&workloads.w1.kind=stream-udp&workloads.w1.target=3' +
      '&workloads.w2.kind=web&workloads.w2.startS=10',
  );
  await waitForRun(page);
  await page.getByTestId('outage-bars').scrollIntoViewIfNeeded();
  const list = page.getByTestId('outage-list');
  await expect(list).toContainText('w2 web server: starts after the run ends');
  // vm3 is not in the deployment: every packet dropped, the stream out from its start (1 s).
  await expect(list).toContainText('w1 UDP stream: out from 1.00 s for ≥ 5.00 s');
  expect(errors).toEqual([]);
});

test('sparse latencies are drawn as dots; a sweep of a metric that has no value says so', async ({
  page,
}) => {
  const errors = collectErrors(page);
  // One connection every 2 s: replies are alone in their 100 ms bins, each drawn as its bin's step.
  await page.goto('./#durationS=8&telephony.calls=0&workloads.w1.kind=web&workloads.w1.rate=0.5');
  await waitForRun(page);
  const latency = page.getByTestId('chart-workload-latency');
  const d = (await latency.locator('path[data-series]').getAttribute('d')) ?? '';
  expect(d.split('M').length - 1).toBeGreaterThanOrEqual(3);
  // Ten minutes on the same width: a bin is under a pixel, so each reply is drawn as a dot.
  await page.goto(
    './#durationS=600&telephony.calls=0&telephony.registerRate=0&workloads.w1.kind=web&workloads.w1.rate=0.05',
  );
  await waitForRun(page);
  expect(await latency.locator('circle').count()).toBeGreaterThanOrEqual(10);
  // A sweep of the web server's start time against a transfer's metric it does not measure:
  // the panel does not offer it; a link that asks for it gets the note, not an empty chart.
  const spec = {
    sweepVersion: 1,
    scenario: '#durationS=3&telephony.calls=0&workloads.w1.kind=web',
    vary: [{ path: 'workloads.w1.rate', values: [1, 2] }],
    metrics: ['w1CompletionS'],
  };
  await page.goto(
    `./#durationS=3&telephony.calls=0&workloads.w1.kind=web&sweep=${encodeURIComponent(JSON.stringify(spec))}`,
  );
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('sweep-missing')).toContainText(
    'No run measured w1: transfer completion time',
  );
  const options = await page
    .locator('.sweep-form select')
    .last()
    .locator('option')
    .allTextContents();
  expect(options).toContain('w1: web reply rate');
  expect(options).not.toContain('w1: UDP stream loss');
  // Close gives the keyboard's focus back to the button that opens the panel.
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('sweep-open')).toBeFocused();
  expect(errors).toEqual([]);
});
