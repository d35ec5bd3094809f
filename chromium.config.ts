import { existsSync } from 'node:fs';

/**
 * Chromium for the browser tests and the browser bench: Debian's /usr/bin/chromium where it exists
 * (this project's machines cannot download browsers), else Playwright's own; flags that keep it
 * quiet on a closed network.
 */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export const chromiumPath: string | undefined =
  process.env['CHROMIUM_PATH'] ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
