import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * One app, two faces: the staff console (/admin) and the worker app (/m). The Fastify server serves
 * dist/; during development the API is proxied to a locally running server.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
