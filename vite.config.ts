import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Relative base so the built lab works from any path (and offline from a file server).
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
});
