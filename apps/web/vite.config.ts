import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { earlyStart } from './early-start.plugin';
import { firstLoadChunks } from './first-load-chunks.plugin';
import { precompress } from './precompress.plugin';

/**
 * One app, two faces: the staff console (/admin) and the worker app (/m). The Fastify server serves
 * dist/; during development the API is proxied to a locally running server.
 *
 * `earlyStart` writes the boot script's table (src/boot.ts): per page of the worker app, the chunks
 * to preload, the API GETs and the stations layer's worker to start before the entry has run.
 */
/**
 * React Router's production build. Its package exports only the development build (with dev
 * warnings and extra checks) to every bundler (remix-run/react-router#14102, still open); its
 * production build ships beside it and is what a build should run.
 */
const reactRouterProduction = path.join(
  path.dirname(createRequire(import.meta.url).resolve('react-router/package.json')),
  'dist/production/index.mjs',
);

export default defineConfig(({ command }) => ({
  resolve: {
    alias: command === 'build' ? [{ find: /^react-router$/, replacement: reactRouterProduction }] : [],
  },
  plugins: [
    react(),
    earlyStart([
      // The worker app's shell: antd-mobile's provider, and the sign-in guard with its tab bar.
      { path: '/m', modules: ['src/app/routes/m/root.tsx'] },
      {
        path: '/m',
        except: ['/m/login'],
        modules: ['src/app/layouts/mobile-layout.tsx'],
        gets: ['/api/v1/me'],
      },
      { path: '/m', exact: true, modules: ['src/app/routes/m/home.tsx'] },
      // 地图: the route, Leaflet, the basemap settings, and the stations layer with its feed
      // (layer-protocol.ts `load`; not for the list view).
      {
        path: '/m/map',
        modules: ['src/features/station-map/map-route.tsx', 'src/components/map/leaflet-map.tsx'],
        gets: ['/api/v1/config/map'],
        worker: {
          source: 'src/features/station-map/layer.worker.ts',
          message: { type: 'load', url: '/api/v1/stations.geojson' },
          exceptSearch: ['view=list'],
        },
      },
    ]),
    // The worker app's shell, home and map pages in a few chunks instead of dozens of small ones.
    firstLoadChunks([
      {
        name: 'm-shell',
        shell: true,
        roots: ['src/app/routes/m/root.tsx', 'src/app/layouts/mobile-layout.tsx'],
      },
      { name: 'm-home', roots: ['src/app/routes/m/home.tsx'] },
      {
        name: 'm-map',
        roots: ['src/features/station-map/map-route.tsx', 'src/components/map/leaflet-map.tsx'],
      },
    ]),
    // Brotli and gzip copies of the assets, sent as they are by the server.
    precompress(),
  ],
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
}));
