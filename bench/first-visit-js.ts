import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { withPage } from './with-page';

/** Port of the preview server this bench starts (others use 4174, 4182 and 4192). */
const PORT = 4196;

/**
 * Gzipped bytes of every script a first visit of the default page loads, as Chromium fetched them:
 * the entry, the simulation worker and the chunks the page imports on its own once it has drawn
 * (a panel split off but shown at once still counts; one that waits for a click does not). The
 * page is watched until its first run is done and one quiet second has passed.
 */
export async function firstVisitJsGzip(dist = 'dist'): Promise<{
  files: { name: string; gzip: number }[];
  total: number;
}> {
  return withPage(PORT, async (page, base) => {
    const names = new Set<string>();
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname.replace(/^\//, '');
      // The service worker's own scripts are not the page's.
      if (path.startsWith('assets/') && path.endsWith('.js')) names.add(path);
    });
    await page.goto(base);
    await page.waitForSelector('section.charts[data-status="done"]', { timeout: 120_000 });
    await page.waitForTimeout(1000);
    const files = [...names].map((name) => ({
      name,
      gzip: gzipSync(readFileSync(`${dist}/${name}`), { level: 9 }).length,
    }));
    return { files, total: files.reduce((s, f) => s + f.gzip, 0) };
  });
}
