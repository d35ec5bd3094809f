import { chromium, type Browser, type Page } from '@playwright/test';
import { preview } from 'vite';
import { chromiumArgs, chromiumPath } from '../chromium.config';

/**
 * Serves the built app on `port`, opens one 1440×1000 page in Chromium (Debian's where present)
 * and runs `use` with it and the page's base URL; closes both whatever happens.
 */
export async function withPage<T>(
  port: number,
  use: (page: Page, base: string, browser: Browser) => Promise<T>,
): Promise<T> {
  const server = await preview({
    preview: { host: '127.0.0.1', port, strictPort: true },
    logLevel: 'silent',
  });
  // The server is closed even when the browser fails to start (a missing browser left the bench
  // hanging on its open port).
  try {
    const browser = await chromium.launch({
      ...(chromiumPath ? { executablePath: chromiumPath } : {}),
      args: chromiumArgs,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      return await use(page, `http://127.0.0.1:${port}/`, browser);
    } finally {
      await browser.close();
    }
  } finally {
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}
