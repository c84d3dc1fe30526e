import { parseAst } from 'rolldown/parseAst';
import type { Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  facesMixed,
  firstLoadPartition,
  type ModuleFacts,
  type ModuleGraph,
  moduleFacts,
  neededModules,
  SMALL_SHARED_BYTES,
} from '../../../first-load-chunks.plugin';

/**
 * The worker app's first-load chunks (first-load-chunks.plugin.ts, issue 4, POS-01): which modules
 * a page needs through re-exports, how they are cut into chunks, and the build's check that the
 * console and the worker app share no chunk.
 */

const facts = (code: string, ids: Record<string, string>): ModuleFacts =>
  moduleFacts(parseAst(code) as unknown as { body: unknown[] }, (spec) => ids[spec] ?? null);

describe('moduleFacts', () => {
  const ids = { './a': 'a', './b': 'b', './c': 'c', './d': 'd', lib: 'lib' };

  it('reads what a module’s own code imports, by name', () => {
    const f = facts(
      "import x, { y as z } from './a'; import * as ns from './b'; import './c'; export const k = x(z, ns);",
      ids,
    );
    expect(f.imports).toEqual(
      new Map<string, unknown>([
        ['a', new Set(['default', 'y'])],
        ['b', '*'],
        ['c', new Set()],
      ]),
    );
    expect(f.reexports.size).toBe(0);
  });

  it('passes a barrel’s imports on by name, `export from` and `export *` included', () => {
    const f = facts(
      "import './c'; import { a as A } from './a'; import D from './d'; export { A, D as Dee }; export { b as B } from './b'; export * from 'lib'; export * as NS from './b';",
      ids,
    );
    expect(f.imports).toEqual(new Map([['c', new Set()]]));
    expect(f.reexports).toEqual(
      new Map([
        ['A', { from: 'a', name: 'a' }],
        ['Dee', { from: 'd', name: 'default' }],
        ['B', { from: 'b', name: 'b' }],
        ['NS', { from: 'b', name: '*' }],
      ]),
    );
    expect(f.starFrom).toEqual(['lib']);
  });

  it('counts a module with code of its own as using everything it imports', () => {
    const f = facts("import { a } from './a'; export { a }; console.log(a);", ids);
    expect(f.imports).toEqual(new Map([['a', new Set(['a'])]]));
    expect(f.reexports).toEqual(new Map());
  });
});

/** A graph from `id: code` (specifiers are the ids), each module's imports read from its code. */
function graphOf(
  modules: Record<string, string>,
  o: { entries?: string[]; dynamic?: Record<string, string[]>; sizes?: Record<string, number> } = {},
): ModuleGraph {
  const all = Object.fromEntries(Object.keys(modules).map((id) => [id, id]));
  const f = new Map(Object.entries(modules).map(([id, code]) => [id, facts(code, all)]));
  const imports = (id: string) => {
    const x = f.get(id)!;
    return [
      ...new Set([...x.imports.keys(), ...[...x.reexports.values()].map((r) => r.from), ...x.starFrom]),
    ];
  };
  return {
    ids: Object.keys(modules),
    entries: o.entries ?? [],
    imports,
    dynamicImports: (id) => o.dynamic?.[id] ?? [],
    facts: (id) => f.get(id) ?? null,
    size: (id) => o.sizes?.[id] ?? modules[id]!.length,
  };
}

describe('neededModules', () => {
  const ui = {
    'ui/index':
      "import 'ui/global'; export { default as TabBar } from 'ui/tab-bar'; export { default as Form } from 'ui/form'; export * from 'ui/more';",
    'ui/global': 'document.title;',
    'ui/tab-bar': "import { helper } from 'ui/util'; export default () => helper();",
    'ui/form': "import 'ui/validator'; export default 1;",
    'ui/validator': 'export default 2;',
    'ui/util': 'export const helper = () => 1;',
    'ui/more': "export { Popup } from 'ui/popup';",
    'ui/popup': 'export const Popup = 3;',
  };

  it('follows re-exports by name: the tab bar, not the form', () => {
    const g = graphOf({ shell: "import { TabBar } from 'ui/index'; TabBar();", ...ui });
    expect([...neededModules(g, ['shell'])].sort()).toEqual(
      ['shell', 'ui/index', 'ui/global', 'ui/tab-bar', 'ui/util'].sort(),
    );
  });

  it('finds a name through `export *`, and takes all of a namespace import', () => {
    const g = graphOf({
      a: "import { Popup } from 'ui/index'; Popup;",
      b: "import * as all from 'ui/index'; all;",
      ...ui,
    });
    expect(neededModules(g, ['a'])).toEqual(new Set(['a', 'ui/index', 'ui/global', 'ui/more', 'ui/popup']));
    expect(neededModules(g, ['b'])).toEqual(new Set(['b', ...Object.keys(ui)]));
  });

  it('follows every import of a module it cannot read', () => {
    const g = {
      ...graphOf({
        a: "import { x } from 'b'; x;",
        b: "export { x } from 'c'; export { y } from 'd';",
        c: 'export const x = 1;',
        d: 'export const y = 1;',
      }),
      facts: () => null,
    };
    expect(neededModules(g, ['a'])).toEqual(new Set(['a', 'b', 'c', 'd']));
  });
});

describe('firstLoadPartition', () => {
  const isWorker = (id: string) => id.startsWith('mobile-ui');
  const modules = {
    main: "import { React } from 'react'; React;",
    react: 'export const React = 1;',
    router:
      "const pages = [() => import('shell'), () => import('map'), () => import('console'), () => import('m-home')];",
    shell:
      "import { React } from 'react'; import { Bar } from 'mobile-ui'; import { api } from 'api'; import { t } from 'i18n'; React(Bar, api, t);",
    'mobile-ui': 'export const Bar = 1;',
    api: 'export const api = 1;',
    i18n: 'export const t = 1;',
    map: "import { Bar } from 'mobile-ui'; import { L } from 'leaflet'; import { labels } from 'labels'; import { api } from 'api'; L(Bar, labels, api);",
    leaflet: 'export const L = 1;',
    labels: 'export const labels = 1;',
    console: "import { L } from 'leaflet'; import { api } from 'api'; import { t } from 'i18n'; L(api, t);",
    'm-home': "import { labels } from 'labels'; import { Bar } from 'mobile-ui'; labels(Bar);",
  };
  const dynamic = { router: ['shell', 'map', 'console', 'm-home'] };
  const groups = [
    { name: 'm-shell', shell: true, roots: ['shell'] },
    { name: 'm-map', roots: ['map'] },
  ];

  it('puts the worker app’s own modules in the group’s chunk, shared ones apart, the entry’s nowhere', () => {
    const p = firstLoadPartition(
      graphOf(modules, { entries: ['main', 'router'], dynamic }),
      groups,
      isWorker,
    );
    expect(Object.fromEntries(p)).toEqual({
      shell: 'm-shell',
      'mobile-ui': 'm-shell',
      // api and i18n: small, used by the same console page: one shared chunk.
      api: 'm-shell-shared',
      i18n: 'm-shell-shared',
      map: 'm-map',
      // labels: only the worker app's home page uses it besides the map (not a group here).
      labels: 'm-map',
      leaflet: 'm-map-shared',
    });
  });

  it('gives a module two pages need a chunk of its own; the shell takes what it needs', () => {
    const p = firstLoadPartition(
      graphOf(
        {
          ...modules,
          'm-home':
            "import { labels } from 'labels'; import { Bar } from 'mobile-ui'; import { api } from 'api'; labels(Bar, api);",
        },
        { entries: ['main', 'router'], dynamic },
      ),
      [...groups, { name: 'm-home', roots: ['m-home'] }],
      isWorker,
    );
    expect(Object.fromEntries(p)).toMatchObject({
      // Both pages need labels: neither loads the other's chunk for it.
      labels: 'm-map-m-home',
      'm-home': 'm-home',
      // The shell needs these: the pages load them from the shell's chunks.
      'mobile-ui': 'm-shell',
      api: 'm-shell-shared',
    });
  });

  it('keeps a big shared module with its own users in a chunk named after it', () => {
    const p = firstLoadPartition(
      graphOf(modules, { entries: ['main', 'router'], dynamic, sizes: { leaflet: SMALL_SHARED_BYTES } }),
      groups,
      isWorker,
    );
    expect(p.get('leaflet')).toBe('m-map-leaflet');
  });

  it('does not merge a small shared module that imports a big one (the chunks would import each other)', () => {
    const g = graphOf(
      {
        main: '',
        router: '',
        map: "import { L } from 'leaflet'; import { glue } from 'glue'; import { Bar } from 'mobile-ui'; L(glue, Bar);",
        'mobile-ui': 'export const Bar = 1;',
        leaflet: 'export const L = 1;',
        glue: "import { L } from 'leaflet'; export const glue = L;",
        console: "import { glue } from 'glue'; glue();",
        console2: "import { L } from 'leaflet'; L();",
      },
      {
        entries: ['main', 'router'],
        dynamic: { router: ['map', 'console', 'console2'] },
        sizes: { leaflet: SMALL_SHARED_BYTES },
      },
    );
    const p = firstLoadPartition(g, [{ name: 'm-map', roots: ['map'] }], isWorker);
    expect(Object.fromEntries(p)).toEqual({
      map: 'm-map',
      'mobile-ui': 'm-map',
      leaflet: 'm-map-leaflet',
      glue: 'm-map-glue',
    });
  });
});

describe('facesMixed', () => {
  const chunk = (fileName: string, moduleIds: string[], imports: string[] = []) =>
    ({
      type: 'chunk',
      fileName,
      moduleIds,
      imports,
      facadeModuleId: moduleIds[0],
    }) as unknown as Rolldown.OutputChunk;
  const bundle = (...chunks: Rolldown.OutputChunk[]) =>
    Object.fromEntries(chunks.map((c) => [c.fileName, c])) as Rolldown.OutputBundle;

  it('names a chunk that loads both antd and antd-mobile through its imports', () => {
    const mixed = facesMixed(
      bundle(
        chunk('routes.js', ['/src/routes.tsx'], ['admin.js', 'mobile.js']),
        chunk('admin.js', ['/node_modules/antd/es/table/index.js']),
        chunk('mobile.js', ['/node_modules/antd-mobile/es/components/button/index.js']),
      ),
    );
    expect(mixed).toEqual(['routes.js (/src/routes.tsx) loads both antd and antd-mobile']);
  });

  it('passes faces kept apart', () => {
    expect(
      facesMixed(
        bundle(
          chunk('admin.js', ['/node_modules/antd/es/table/index.js'], ['common.js']),
          chunk('mobile.js', ['/node_modules/antd-mobile/es/components/button/index.js'], ['common.js']),
          chunk('common.js', ['/src/lib/api-client.ts']),
        ),
      ),
    ).toEqual([]);
  });
});
