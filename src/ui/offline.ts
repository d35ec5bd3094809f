/**
 * Registers the service worker the build generates (vite-plugin-pwa, vite.config.ts) so the lab
 * keeps working with the network off once loaded. Only in a production build: the dev server
 * serves modules one by one, which a precache cannot hold.
 */
export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e: unknown) => {
      // Offline use is a bonus: a refused registration (a file:// page, a private window) must not break the lab.
      console.warn('offline mode unavailable:', e);
    });
  });
}
