import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { encodeScenarioHash } from '../src/sim/scenario/url-codec';
import { cardNumber, collectErrors, waitForRun } from './helpers';

// Issue 8, item 7: the cluster map follows playback; per-service outage bars; hosts collapse on the timeline.

const linkOf = (id: string): string => {
  const p = findPreset(id);
  if (!p) throw new Error(id);
  return encodeScenarioHash(presetScenario(p));
};

/** Moves the playhead to `s` seconds by clicking the timeline's time axis. */
async function playheadAt(page: Page, s: number, durationS: number): Promise<void> {
  // Measured again on each try: panels above the timeline may still settle after the run.
  await expect(async () => {
    // The timeline grew (host headers, failure and migration lanes): bring the axis into view first.
    await page.locator('rect.scrub-area').scrollIntoViewIfNeeded();
    const bb = await page.locator('rect.scrub-area').boundingBox();
    if (!bb) throw new Error('no time axis');
    await page.mouse.click(bb.x + (bb.width * s) / durationS, bb.y + bb.height / 2);
    await expect(page.getByTestId('clock')).toContainText(`${Math.floor(s)}.`, { timeout: 1000 });
  }).toPass();
}

test('the cluster map follows playback through a failover', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`./${linkOf('primary-fails')}`);
  await waitForRun(page);
  const vm = page.getByTestId('cm-vm-vm1');
  const primary = page.getByTestId('cm-host-h1');
  // The crash is at 30 s; detection, takeover and ARP follow within ≈ 1 s.
  await playheadAt(page, 15, 60);
  await expect(vm).toHaveAttribute('data-host', 'h1');
  await expect(primary).toHaveAttribute('data-up', 'true');
  await expect(page.getByTestId('cm-arrow-replication')).toHaveCount(1);
  await expect(page.getByTestId('cm-vm-vm1:replica@h2')).toHaveAttribute('data-state', 'replica');
  await expect(page.getByTestId('cluster-map-summary')).toContainText(
    'vm1 (VoIP) running on the Primary host',
  );
  // Outage bars follow the playhead too: nothing is out before the crash.
  await expect(page.getByTestId('outage-media')).toHaveCount(0);

  await playheadAt(page, 45, 60);
  await expect(vm).toHaveAttribute('data-host', 'h2');
  await expect(vm).toHaveAttribute('data-state', 'running');
  await expect(primary).toHaveAttribute('data-up', 'false');
  await expect(primary).toHaveAttribute('aria-label', /Primary host: down/);
  await expect(page.getByTestId('cm-arrow-replication')).toHaveCount(0);
  await expect(page.getByTestId('cm-vm-vm1:replica@h2')).toHaveCount(0);
  await expect(page.getByTestId('cluster-map-summary')).toContainText(
    'vm1 (VoIP) running on the Backup host',
  );
  // One media and one REGISTER outage, each about the failover gap the summary card reports
  // (the card: the longest per-stream gap; the bar: the time no stream got media).
  const gapS = await cardNumber(page, 'gap');
  for (const id of ['media', 'sip']) {
    const bar = page.getByTestId(`outage-${id}`);
    await expect(bar).toHaveCount(1);
    // The length written beside the bar (the bar's own <title> says it in a sentence).
    const s = Number.parseFloat((await bar.locator('.outage-length').textContent()) ?? '');
    expect(Math.abs(s - gapS), id).toBeLessThanOrEqual(0.03);
  }

  // Keyboard: each host and VM is a tab stop whose name says what it shows.
  await vm.focus();
  await expect(vm).toBeFocused();
  await expect(vm).toHaveAttribute('aria-label', /vm1 \(VoIP\) on the Backup host: running/);
  expect(errors).toEqual([]);
});

test('hide=map hides the cluster map; projector mode shows it for chart=map only', async ({
  page,
}) => {
  await page.goto(`./${linkOf('primary-fails')}&hide=map`);
  await waitForRun(page);
  await expect(page.locator('section.cluster-map')).toHaveCount(0);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`./${linkOf('primary-fails')}&projector=1&chart=map`);
  await page.reload();
  await expect(page.locator('section.charts')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('cluster-map')).toBeVisible();
  await expect(page.locator('section.charts')).toBeHidden();
  const fits = await page.evaluate(
    () => (document.scrollingElement as Element).scrollHeight <= innerHeight,
  );
  expect(fits).toBe(true);
});

test('axe-core finds no violation on the cluster map', async ({ page }) => {
  await page.goto(`./${linkOf('primary-fails')}`);
  await waitForRun(page);
  await playheadAt(page, 15, 60);
  const before = await new AxeBuilder({ page }).include('section.cluster-map').analyze();
  expect(before.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  // The panel was checked (rules passed on it), not skipped.
  expect(before.passes.length).toBeGreaterThan(0);
  await playheadAt(page, 45, 60);
  const after = await new AxeBuilder({ page }).include('section.cluster-map').analyze();
  expect(after.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});

test('the timeline folds and unfolds each host’s lanes by click and by keyboard', async ({
  page,
}) => {
  await page.goto(`./${linkOf('primary-fails')}`);
  await waitForRun(page);
  const tl = page.getByTestId('timeline');
  const primary = page.getByTestId('host-header-0');
  const backup = page.getByTestId('host-header-1');
  await expect(primary).toHaveAttribute('aria-expanded', 'true');
  const lanes = async () => ((await tl.getAttribute('data-lanes')) ?? '').split(' ');
  const cpuLanes = (await lanes()).filter((k) => k === 'cpu').length;
  expect(cpuLanes).toBe(4);
  const tall = (await tl.boundingBox())?.height ?? 0;

  await backup.click();
  await expect(backup).toHaveAttribute('aria-expanded', 'false');
  await expect(backup).toHaveAttribute('aria-label', /Backup host: 2 CPU lanes hidden/);
  expect((await lanes()).filter((k) => k === 'cpu').length).toBe(2);
  expect((await tl.boundingBox())?.height ?? 0).toBeLessThan(tall);

  // Keyboard: Enter folds the primary too; Space unfolds it and does not start playback.
  await primary.focus();
  await page.keyboard.press('Enter');
  await expect(primary).toHaveAttribute('aria-expanded', 'false');
  expect((await lanes()).filter((k) => k === 'cpu').length).toBe(0);
  await page.keyboard.press(' ');
  await expect(primary).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await backup.click();
  expect((await lanes()).filter((k) => k === 'cpu').length).toBe(4);
});

test('VM moves slide, except under prefers-reduced-motion', async ({ page }) => {
  const transition = () =>
    page
      .getByTestId('cm-vm-vm1')
      .evaluate((el) => getComputedStyle(el).transitionDuration.split(',')[0]);
  await page.goto(`./${linkOf('primary-fails')}`);
  await waitForRun(page);
  expect(await transition()).toBe('0.7s');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await transition()).toBe('0s');
});
