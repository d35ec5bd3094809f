import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PRESETS } from '../src/sim/scenario/presets';
import { setUpSweep, waitForRun } from './helpers';

// axe-core on every preset and on each view the classroom issue added: no serious or critical
// violation (WCAG 2 A/AA rules as axe-core ships them).
async function noSerious(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`),
  ).toEqual([]);
}

for (const p of PRESETS) {
  test(`axe-core finds no serious violation: ${p.id}`, async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('preset').selectOption(p.id);
    await waitForRun(page);
    await noSerious(page);
  });
}

test('axe-core: sweep results, a lesson in both phases, the key list, a pinned baseline', async ({
  page,
}) => {
  await page.goto('./#durationS=3&telephony.calls=1');
  await waitForRun(page);
  await setUpSweep(page, 100, 300, 3);
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await page.getByTestId('pin-baseline').click();
  await noSerious(page);
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  await page.getByTestId('lesson-start').click();
  await noSerious(page);
  await page.getByTestId('lesson-input').fill('1');
  await page.getByTestId('lesson-reveal').click();
  await noSerious(page);
  await page.getByTestId('keys-open').click();
  await noSerious(page);
});

test('axe-core: projector and embed views', async ({ page }) => {
  await page.goto('./#durationS=20&failures.f1.kind=host-crash&failures.f1.atS=10&projector=1');
  await expect(page.locator('section.charts')).toHaveAttribute('data-status', 'done');
  await noSerious(page);
  await page.goto('./#durationS=20&embed=1&hide=sweep');
  await page.reload();
  await waitForRun(page);
  await noSerious(page);
});
