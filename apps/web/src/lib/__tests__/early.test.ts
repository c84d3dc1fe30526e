import type { Rolldown } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { earlyTable } from '../../../early-start.plugin';
import { EARLY_GLOBAL, type EarlyRoute, type EarlyStart, earlyRouteMatches } from '../../boot';
import { EARLY_MAX_AGE_MS, takeEarlyGet, takeEarlyWorker } from '../early';

/**
 * The boot script's table and the app's side of it: which pages a route applies to, early answers
 * and the early worker taken once, and the table built from a chunk graph.
 */

const route = (o: Partial<EarlyRoute>): EarlyRoute => ({
  path: '/m',
  modules: [],
  styles: [],
  gets: [],
  ...o,
});

describe('earlyRouteMatches', () => {
  it('applies to the path and below it, or to the path only when exact, minus the exceptions', () => {
    const shell = route({ except: ['/m/login'] });
    expect(earlyRouteMatches(shell, '/m')).toBe(true);
    expect(earlyRouteMatches(shell, '/m/')).toBe(true);
    expect(earlyRouteMatches(shell, '/m/map')).toBe(true);
    expect(earlyRouteMatches(shell, '/m/login')).toBe(false);
    expect(earlyRouteMatches(shell, '/mx')).toBe(false);
    expect(earlyRouteMatches(shell, '/admin')).toBe(false);
    const home = route({ exact: true });
    expect(earlyRouteMatches(home, '/m')).toBe(true);
    expect(earlyRouteMatches(home, '/m/map')).toBe(false);
    expect(earlyRouteMatches(route({ path: '/m/map' }), '/m/map/')).toBe(true);
  });
});

describe('takeEarlyGet and takeEarlyWorker', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const stub = (early: EarlyStart) => vi.stubGlobal('window', { [EARLY_GLOBAL]: early });

  it('hands an early answer out once, and not when it is too old', async () => {
    const me = Promise.resolve(new Response('{}'));
    const early: EarlyStart = { at: performance.now(), gets: { '/api/v1/me': me }, worker: null };
    stub(early);
    expect(takeEarlyGet('/api/v1/me')).toBe(me);
    expect(takeEarlyGet('/api/v1/me')).toBeUndefined();
    expect(takeEarlyGet('/api/v1/config/map')).toBeUndefined();
    stub({ at: performance.now() - EARLY_MAX_AGE_MS - 1, gets: { '/api/v1/me': me }, worker: null });
    expect(takeEarlyGet('/api/v1/me')).toBeUndefined();
  });

  it('hands the worker out once, to the module it was built from, with its messages, unless too old', () => {
    const worker = {} as Worker;
    const early: EarlyStart = {
      at: performance.now(),
      gets: {},
      worker: { url: '/assets/layer.worker-AbC123.js', worker, messages: [{ type: 'loaded', stations: 3 }] },
    };
    stub(early);
    expect(takeEarlyWorker('other.worker')).toBeUndefined();
    expect(takeEarlyWorker('layer')).toBeUndefined();
    expect(takeEarlyWorker('layer.worker')).toEqual({ worker, messages: [{ type: 'loaded', stations: 3 }] });
    expect(takeEarlyWorker('layer.worker')).toBeUndefined();
    const terminate = vi.fn();
    stub({
      at: performance.now() - EARLY_MAX_AGE_MS - 1,
      gets: {},
      worker: {
        url: '/assets/layer.worker-AbC123.js',
        worker: { terminate } as unknown as Worker,
        messages: [],
      },
    });
    expect(takeEarlyWorker('layer.worker')).toBeUndefined();
    expect(terminate).toHaveBeenCalledOnce();
  });

  it('answers nothing without a boot script', () => {
    vi.stubGlobal('window', {});
    expect(takeEarlyGet('/api/v1/me')).toBeUndefined();
    expect(takeEarlyWorker('layer.worker')).toBeUndefined();
  });
});

describe('earlyTable', () => {
  const root = '/app';
  const chunk = (
    fileName: string,
    o: { facade?: string; imports?: string[]; entry?: boolean; name?: string; css?: string[] } = {},
  ) =>
    ({
      type: 'chunk',
      fileName,
      name: o.name ?? fileName,
      isEntry: o.entry ?? false,
      facadeModuleId: o.facade ? `${root}/${o.facade}` : null,
      moduleIds: o.facade ? [`${root}/${o.facade}`] : [],
      imports: o.imports ?? [],
      viteMetadata: { importedCss: new Set(o.css ?? []), importedAssets: new Set() },
    }) as unknown as Rolldown.OutputChunk;
  const bundle = Object.fromEntries(
    [
      chunk('assets/index-1.js', { entry: true, name: 'index', imports: ['assets/react-1.js'] }),
      chunk('assets/react-1.js'),
      chunk('assets/boot-1.js', { entry: true, name: 'boot' }),
      chunk('assets/root-1.js', {
        facade: 'src/root.tsx',
        imports: ['assets/react-1.js', 'assets/ui-1.js', 'assets/boot-1.js'],
      }),
      chunk('assets/ui-1.js', { css: ['assets/ui-1.css'] }),
      chunk('assets/map-1.js', { facade: 'src/map.tsx', imports: ['assets/ui-1.js'] }),
      { type: 'asset', fileName: 'assets/layer.worker-9.js' } as unknown as Rolldown.OutputAsset,
    ].map((c) => [c.fileName, c]),
  ) as Rolldown.OutputBundle;

  it('lists each route’s chunks and their imports (not what the entry or boot script loads), stylesheets and worker', () => {
    const table = earlyTable(
      bundle,
      [
        { path: '/m', except: ['/m/login'], modules: ['src/root.tsx'], gets: ['/api/v1/me'] },
        {
          path: '/m/map',
          modules: ['src/map.tsx'],
          worker: { source: 'src/layer.worker.ts', message: { type: 'load' }, exceptSearch: ['view=list'] },
        },
      ],
      root,
      '/',
    );
    expect(table).toEqual([
      {
        path: '/m',
        except: ['/m/login'],
        modules: ['/assets/root-1.js', '/assets/ui-1.js'],
        styles: ['/assets/ui-1.css'],
        gets: ['/api/v1/me'],
      },
      {
        path: '/m/map',
        modules: ['/assets/map-1.js', '/assets/ui-1.js'],
        styles: ['/assets/ui-1.css'],
        gets: [],
        worker: { url: '/assets/layer.worker-9.js', message: { type: 'load' }, exceptSearch: ['view=list'] },
      },
    ]);
  });

  it('fails the build when a module or the worker is not in the bundle', () => {
    expect(() => earlyTable(bundle, [{ path: '/m', modules: ['src/gone.tsx'] }], root, '/')).toThrow(/gone/);
    expect(() =>
      earlyTable(bundle, [{ path: '/m', worker: { source: 'src/x.worker.ts', message: null } }], root, '/'),
    ).toThrow(/x\.worker/);
  });
});
