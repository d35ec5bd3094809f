import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    react(),
    // Installable and offline once loaded (issue 9): Workbox precaches every built file — the page,
    // its script, the simulation worker's chunk — so a classroom with no network still runs the lab.
    // vite-plugin-pwa over a hand-written service worker: it derives the precache list from the
    // build and handles updates (a new build replaces the old cache on the next visit).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'VoIP HA Lab',
        short_name: 'VoIP HA Lab',
        description:
          'Interactive lab: virtualized, replicated VoIP servers — CPU scheduling, Remus checkpointing, failover.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0072b2',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The lab is one page: every navigation (any #scenario) is answered by the cached index.html.
        navigateFallback: 'index.html',
      },
      devOptions: { enabled: false },
    }),
  ],
  // Relative base so the built lab works from any path (and offline from a file server).
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Everything the page imports statically goes in one chunk: Rolldown otherwise splits the
        // modules a lazy chunk shares with the page into chunks the page loads anyway (three
        // requests, and gzip compresses each alone: 1.1 KB more, bench/first-visit-js.ts).
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
    },
  },
});
