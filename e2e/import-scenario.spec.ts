import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { setPath, type Scenario } from '../src/sim/scenario/scenario';
import { encodeScenarioHash } from '../src/sim/scenario/url-codec';
import { collectErrors, waitForRun } from './helpers';

// A walkthrough's findings: the page could not open a scenario file (nor the results file its own
// "Export JSON" writes), and "Copy link" did nothing visible when the clipboard was refused.

/** primary-fails, shortened, with another seed: a scenario that is no preset. */
function shortScenario(): Scenario {
  const p = findPreset('primary-fails');
  if (!p) throw new Error('no preset primary-fails');
  let s = presetScenario(p);
  for (const [path, v] of [
    ['seed', 7],
    ['durationS', 12],
    ['failures.f1.atS', 6],
  ] as const)
    s = setPath(s, path, v);
  return s;
}

/** No serious or critical axe-core violation with the new message or field on the page (as a11y.spec.ts). */
async function noSerious(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/**
 * Answers the page's file choosers with the files given to `open`, one each. Set up before the
 * page loads: Playwright turns chooser interception on lazily, and a chooser opened before the
 * browser has it is missed (a known race, puppeteer#6040), which made waitForEvent flaky here.
 */
function filePicker(page: Page): { open(name: string, text: string): Promise<void> } {
  const queue: { name: string; text: string }[] = [];
  let opened = 0;
  page.on('filechooser', (chooser) => {
    opened++;
    const f = queue.shift();
    if (f)
      void chooser.setFiles({
        name: f.name,
        mimeType: 'application/json',
        buffer: Buffer.from(f.text),
      });
  });
  return {
    // Through the "Open…" button, operated from the keyboard.
    async open(name, text) {
      queue.push({ name, text });
      const before = opened;
      await page.getByRole('button', { name: 'Open scenario…' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => opened).toBe(before + 1);
    },
  };
}

test('a results export (Export JSON) opens: its scenario replaces the current one, runs, and is one undo step', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const picker = filePicker(page);
  // The file "Export JSON" saves, of a scenario that is no preset.
  await page.goto(`./${encodeScenarioHash(shortScenario())}`);
  await waitForRun(page);
  const exportedHash = await page.getByTestId('trace-hash').textContent();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const exported = readFileSync(await download.path(), 'utf8');
  expect(Object.keys(JSON.parse(exported) as object)).toEqual([
    'scenario',
    'url',
    'traceHash',
    'summary',
  ]);

  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  await expect(page).not.toHaveURL(/seed=7/);
  await picker.open(download.suggestedFilename(), exported);
  await expect(page).toHaveURL(/seed=7/);
  await expect(page).toHaveURL(/durationS=12/);
  await expect(page.getByRole('spinbutton', { name: /Simulated time/ })).toHaveValue('12');
  await waitForRun(page);
  await expect(page.locator('.run-footer')).toContainText('simulated 12 s');
  await expect(page.locator('.run-footer')).toContainText('seed 7');
  // The same scenario, the same run: the trace hash the export was made from.
  await expect(page.getByTestId('trace-hash')).toHaveText(exportedHash ?? '');
  // Clean: no notice about the url, traceHash and summary keys beside the scenario.
  await expect(page.getByTestId('notices')).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('preset')).toHaveValue('primary-fails');
  await expect(page).not.toHaveURL(/seed=7/);
  expect(errors).toEqual([]);
});

test('a broken file is refused with a message and the scenario stays; clamped values are reported', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const picker = filePicker(page);
  await page.goto('./');
  await page.getByTestId('preset').selectOption('remus-bursts');
  await waitForRun(page);
  const url = await page.evaluate(() => window.location.href);
  const refusal = page.getByTestId('notice-refusal');

  await picker.open('broken.json', '{"durationS": 20,');
  await expect(refusal).toContainText('“broken.json” was not opened');
  await expect(refusal).toContainText('not valid JSON');
  await expect(refusal).toContainText('The scenario in use is unchanged');
  await expect(page.getByRole('alert').filter({ hasText: 'broken.json' })).toBeVisible();
  expect(await page.evaluate(() => window.location.href)).toBe(url);
  await expect(page.getByTestId('preset')).toHaveValue('remus-bursts');

  await picker.open('future.json', JSON.stringify({ version: 99, durationS: 5 }));
  await expect(refusal).toContainText('written by a newer lab');
  await picker.open('list.json', '[1, 2, 3]');
  await expect(refusal).toContainText('it holds a list, not a scenario');
  await noSerious(page);
  // No undo step either: Undo goes back past the refused files to the preset before.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('preset')).toHaveValue('primary-fails');
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('preset')).toHaveValue('remus-bursts');
  expect(await page.evaluate(() => window.location.href)).toBe(url);

  // Dropped on the page: the same path. Out of range is clamped and said, as a link's would be.
  const defaults = await page.evaluate(() => {
    const file = new File([JSON.stringify({ durationS: 0.1, seed: 3, nope: 1 })], 'short.json', {
      type: 'application/json',
    });
    const data = new DataTransfer();
    data.items.add(file);
    const at = document.querySelector('main') ?? document.body;
    // dispatchEvent is false when the page cancelled the event's default (opening the file).
    return [
      at.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }),
      ),
      at.dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
      ),
    ];
  });
  expect(defaults).toEqual([false, false]);
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('“short.json” could not be read in full');
  await expect(notices).toContainText('0.1 s is outside 1–3600 s; used 1 s');
  await expect(notices).toContainText('nope: unknown field, ignored');
  await expect(refusal).toHaveCount(0);
  await expect(page).toHaveURL(/seed=3/);
  await waitForRun(page);
  expect(errors).toEqual([]);
});

test('Copy link refused by the browser: a message and the link, selected, to copy by hand', async ({
  page,
}) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () =>
      Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  let prompted = false;
  page.on('dialog', (d) => {
    prompted = true;
    void d.dismiss();
  });
  await page.goto('./');
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  const button = page.getByRole('button', { name: 'Copy link' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('alert').filter({ hasText: 'did not let the lab copy' }),
  ).toBeVisible();
  const field = page.getByRole('textbox', { name: 'Link to this scenario' });
  await expect(field).toBeFocused();
  const href = () => page.evaluate(() => window.location.href);
  await expect(field).toHaveValue(await href());
  await expect(field).toHaveJSProperty('readOnly', true);
  const selected = await field.evaluate(
    (el: HTMLInputElement) => (el.selectionEnd ?? 0) - (el.selectionStart ?? 0),
  );
  expect(selected).toBe((await href()).length);
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await noSerious(page);
  // The field follows the scenario while it is open.
  await page.getByTestId('preset').selectOption('remus-bursts');
  await expect(page).toHaveURL(/durationS=20/);
  await expect(field).toHaveValue(await href());
  await field.focus();
  await page.keyboard.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(button).toBeFocused();
  expect(prompted).toBe(false);
});
