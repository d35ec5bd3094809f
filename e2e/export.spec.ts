import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { waitForRun } from './helpers';

// Issue 9, item 3: CSV, SVG and PNG of a chart; the summary as CSV; a pcap of RTP and SIP.
async function saved(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

test('a chart exports as CSV, SVG (with title, legend and axes) and PNG', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  const chart = page.getByTestId('chart-loss');
  const csv = await saved(page, () => chart.getByRole('button', { name: 'CSV' }).click());
  expect(csv.name).toMatch(/\.csv$/);
  const text = csv.bytes.toString('utf8');
  expect(text.split('\r\n')[0]).toMatch(/^second,"lost \(never arrived\) \(packets, all calls\)"/);
  // The failover's lost packets are in the second they were sent (around 30 s).
  const lost = text
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => Number(l.split(',')[1]));
  expect(lost.reduce((a, x) => a + x, 0)).toBeGreaterThan(100);
  const svg = await saved(page, () => chart.getByRole('button', { name: 'SVG' }).click());
  const s = svg.bytes.toString('utf8');
  expect(s).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(s).toContain('Packets lost or late, per second');
  expect(s).toContain('lost (never arrived)');
  expect(s).toMatch(/<text[^>]*>30 s<\/text>|>30 s</);
  const png = await saved(page, () => chart.getByRole('button', { name: 'PNG' }).click());
  expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
});

test('the summary exports as CSV and the run as a pcap Wireshark reads', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  await page.locator('.export-menu summary').click();
  const csv = await saved(page, () => page.getByTestId('export-summary-csv').click());
  expect(csv.bytes.toString('utf8')).toContain('failover.recovered,true');
  const pcap = await saved(page, () => page.getByTestId('export-pcap-client').click());
  expect(pcap.name).toBe('voip-ha-lab-client-side.pcap');
  expect(pcap.bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
  expect(pcap.bytes.length).toBeGreaterThan(100_000);
});

test('the timeline exports as a PNG with its lanes, axis and legend', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  // Measured first: the export draws the timeline as it is when the button is pressed.
  const box = await page.locator('.timeline-wrap canvas').boundingBox();
  const png = await saved(page, () => page.getByTestId('export-timeline-png').click());
  expect(png.name).toBe('voip-ha-lab-timeline.png');
  expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  // Width and height from the IHDR chunk: the timeline on screen plus the legend row under it.
  const w = png.bytes.readUInt32BE(16);
  const h = png.bytes.readUInt32BE(20);
  expect(w).toBeGreaterThanOrEqual(Math.floor(box?.width ?? 0));
  expect(h).toBeGreaterThan(Math.floor(box?.height ?? 0) + 20);
});

test('the CPU-share, RTT CDF and SLA charts export too', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('r1-credit');
  await waitForRun(page);
  const cpu = await saved(page, () =>
    page.getByTestId('chart-cpu-shares').getByRole('button', { name: 'CSV' }).click(),
  );
  expect(cpu.bytes.toString('utf8')).toMatch(/^host,vm,share_pct/);
  const cdf = await saved(page, () =>
    page.getByTestId('chart-rtt-cdf').getByRole('button', { name: 'CSV' }).click(),
  );
  expect(cdf.bytes.toString('utf8').trim().split('\r\n').length).toBeGreaterThan(900);
  await page.getByTestId('preset').selectOption('r4-dba');
  await waitForRun(page);
  const sla = page.locator('figure.chart').filter({ hasText: 'SLA (drag it)' }).first();
  const svg = await saved(page, () => sla.getByRole('button', { name: 'SVG' }).click());
  expect(svg.bytes.toString('utf8')).toContain('vm2');
});
