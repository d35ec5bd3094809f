import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers';

// ADR 0024: the sweep, a lesson and the image exporters load their code when first used. A load
// that fails (no network and no service worker's cache) is said where the part would be, the rest
// of the lab keeps working, and trying again once the network is back loads it.
test.use({ serviceWorkers: 'block' });

test('a part whose code does not load says so, keeps the lab, and loads on Try again', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('remus-bursts');
  await waitForRun(page);
  let blocked = true;
  await page.route(/\/assets\/(SweepPanel|sweep-store|LessonPanel|figure-image)-[^/]*\.js$/, (r) =>
    blocked ? r.abort('internetdisconnected') : r.continue(),
  );

  await page.getByTestId('lesson-start').click();
  const lessonFailure = page.getByRole('alert').filter({ hasText: 'Could not load the lesson' });
  await expect(lessonFailure).toBeVisible();
  // A lesson hides the results while it asks for a prediction: the failure lets the student out.
  await lessonFailure.getByRole('button', { name: 'End the lesson' }).click();
  await expect(page.getByTestId('lesson-start')).toBeVisible();
  await expect(page.locator('section.charts')).toBeVisible();
  await page.getByTestId('sweep-open').click();
  const sweepFailure = page.getByRole('alert').filter({ hasText: 'Could not load the sweep' });
  await expect(sweepFailure).toBeVisible();
  // The lab is still there and still runs.
  await expect(page.locator('section.charts')).toHaveAttribute('data-status', 'done');
  const exportGroup = page.getByRole('group', { name: /^Export / }).first();
  await exportGroup.getByRole('button', { name: 'SVG' }).click();
  await expect(exportGroup.getByRole('status')).toContainText('Export failed');

  await sweepFailure.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/lazy-parts-failed.png' });
  blocked = false;
  await sweepFailure.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('sweep-run')).toBeVisible();
  await page.getByTestId('lesson-start').click();
  await expect(page.getByTestId('lesson')).toBeVisible();
  await page.screenshot({ path: 'test-results/lazy-parts.png', fullPage: true });
});

test('opening the sweep brings it into view with focus on it; starting a lesson focuses the prediction', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  await page.getByTestId('sweep-open').focus();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { name: 'Parameter sweep' });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  await page.getByTestId('lesson-start').click();
  await expect(page.getByTestId('lesson-input')).toBeFocused();
});

test('a sweep that comes back after a lesson does not pull the page or the focus to itself', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  await page.getByTestId('sweep-open').click();
  await expect(page.getByRole('heading', { name: 'Parameter sweep' })).toBeFocused();
  await page.getByTestId('lesson-start').click();
  await page.getByTestId('lesson-input').fill('1');
  await page.getByTestId('lesson-reveal').click();
  // The sweep is shown again with the results, still open, and the focus stays in the lesson.
  await expect(page.getByTestId('sweep-run')).toBeAttached();
  await expect(page.getByRole('heading', { name: 'Parameter sweep' })).not.toBeFocused();
});

test('a sweep link whose code does not load runs its sweep on Try again', async ({ page }) => {
  let blocked = true;
  await page.route(/\/assets\/(SweepPanel|sweep-store|sweep-link)-[^/]*\.js$/, (r) =>
    blocked ? r.abort('internetdisconnected') : r.continue(),
  );
  const spec = {
    sweepVersion: 1,
    scenario: '#durationS=2&telephony.calls=1',
    vary: [{ path: 'replication.intervalMs', from: 100, to: 200, steps: 2 }],
  };
  await page.goto(
    `./#durationS=2&telephony.calls=1&sweep=${encodeURIComponent(JSON.stringify(spec))}`,
  );
  const failure = page.getByRole('alert').filter({ hasText: 'Could not load the sweep' });
  await expect(failure).toBeVisible();
  blocked = false;
  await failure.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('sweep-progress-text')).toContainText('2/2 runs');
});
