import { expect, test, type Page } from '@playwright/test';
import { waitForRun } from './helpers';

/** A signature of what the timeline canvas shows (changes when the slices drawn change). */
async function canvasSignature(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector('.timeline canvas') as HTMLCanvasElement;
    const { data } = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(
      0,
      0,
      c.width,
      c.height,
    );
    let h = 0;
    for (let i = 0; i < data.length; i += 4)
      h =
        (h * 31 +
          (data[i] as number) +
          3 * (data[i + 1] as number) +
          7 * (data[i + 2] as number)) >>>
        0;
    return h;
  });
}

test('switching VM1 between LSVM and NLSVM changes the timeline and the RTT CDF', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByTestId('preset').selectOption('r1-vslicer');
  await waitForRun(page);
  // Zoom into half a second so single slices (and vSlicer's micro-slices) are drawn.
  await page.getByTestId('timeline').focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('+');
  const cdf = page.getByTestId('chart-rtt-cdf');
  const lsvmMean = Number(await cdf.getAttribute('data-mean'));
  const lsvmCanvas = await canvasSignature(page);
  expect(lsvmMean).toBeGreaterThan(7);
  expect(lsvmMean).toBeLessThan(15);
  await page.screenshot({ path: 'test-results/screens/vslicer-lsvm.png' });

  await page.locator('input[data-path="vms.vm1.lsvm"]').uncheck();
  await expect(page).toHaveURL(/vms\.vm1\.lsvm=false|^((?!vms\.vm1\.lsvm).)*$/);
  await waitForRun(page);
  const nlsvmMean = Number(await cdf.getAttribute('data-mean'));
  expect(nlsvmMean).toBeGreaterThan(lsvmMean * 2);
  await expect(cdf).toContainText('previous run: vSlicer, LSVM vm1');
  expect(await canvasSignature(page)).not.toBe(lsvmCanvas);
  await expect(page.getByTestId('chart-cpu-shares')).toContainText('25.0 %');
  await page.screenshot({ path: 'test-results/screens/vslicer-no-lsvm.png', fullPage: true });
});

test('impossible vSlicer settings are refused with a message naming the field', async ({
  page,
}) => {
  await page.goto('/#v=2&host.scheduler=vslicer&vms.vm1.lsvm=true&vms.vm2.enabled=true');
  await expect(page.getByTestId('notices')).toContainText('CPU scheduler');
  await expect(page.getByTestId('notices')).toContainText('m + n ≥ 3');
  await expect(page.locator('select[data-path="host.scheduler"]')).toHaveValue('credit');
  await waitForRun(page);
});

test('CPU-share bars mark each weight’s share and say why credit misses skewed weights', async ({
  page,
}) => {
  await page.goto(
    '/#v=2&durationS=20&replication.enabled=false&telephony.calls=0&vms.vm1.weight=3&vms.vm1.burnPct=100&vms.vm2.enabled=true&vms.vm2.weight=13&vms.vm2.burnPct=100&vms.vm3.enabled=true&vms.vm3.weight=1&vms.vm3.burnPct=100&vms.vm4.enabled=true&vms.vm4.weight=1&vms.vm4.burnPct=100',
  );
  await waitForRun(page);
  const chart = page.getByTestId('chart-cpu-shares');
  const marks = await chart
    .locator('.entitled-mark')
    .evaluateAll((ls) => ls.map((l) => l.getAttribute('data-entitled')));
  expect(marks).toEqual(['16.7', '72.2', '5.6', '5.6']);
  // dom0 has its own core, so credit1 pays the guests for two pCPUs: equal turns, whatever the weights.
  await expect(chart.locator('g[data-vm="vm2"]')).toHaveAttribute('data-share', /^2[45]\./);
  await expect(page.getByTestId('weights-note')).toContainText('pool-wide');

  // Equal weights: the marks sit on the bars and the note goes away.
  await page.locator('input[data-path="vms.vm2.weight"]').fill('1');
  await page.locator('input[data-path="vms.vm2.weight"]').press('Enter');
  await page.locator('input[data-path="vms.vm1.weight"]').fill('1');
  await page.locator('input[data-path="vms.vm1.weight"]').press('Enter');
  await expect(page).toHaveURL(/vms\.vm1\.weight=1(&|$)/);
  await waitForRun(page);
  await expect(page.getByTestId('weights-note')).toHaveCount(0);
});
