import path from 'node:path';
import type { Plugin, Rolldown } from 'vite';
import { EARLY_TABLE_ID, type EarlyRoute } from './src/boot';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/**
 * Build step of the boot script (src/boot.ts): builds it as its own input, and writes into
 * index.html, before the app's entry, the table of what to start per page — each route's chunks
 * and their static imports (not those the entry already loads), their stylesheets, API GETs and a
 * worker — with the hashed file names of this build. Nothing happens in development (`vite`
 * serves modules one by one there).
 */

/** A page and what it needs, by source path (relative to the web app's folder). */
export interface EarlyRouteSpec {
  path: string;
  exact?: boolean;
  except?: string[];
  /** Modules the route loads (lazy route modules, and lazy modules the first render imports). */
  modules?: string[];
  gets?: string[];
  /** A worker built from `source` (`new URL('./x.worker.ts', import.meta.url)`), sent `message`. */
  worker?: { source: string; message: unknown; exceptSearch?: string[] };
}

const BOOT_INPUT = 'src/boot.ts';

export function earlyStart(routes: readonly EarlyRouteSpec[]): Plugin {
  let root = process.cwd();
  let base = '/';
  return {
    name: 'nx:early-start',
    apply: 'build',
    config(config) {
      const r = config.root ?? process.cwd();
      const input = config.build?.rolldownOptions?.input;
      const inputs =
        typeof input === 'object' && !Array.isArray(input) ? input : { index: path.resolve(r, 'index.html') };
      return {
        build: { rolldownOptions: { input: { ...inputs, boot: path.resolve(r, BOOT_INPUT) } } },
      };
    },
    configResolved(config) {
      root = config.root;
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const boot = Object.values(bundle).find(
          (c): c is OutputChunk => c.type === 'chunk' && c.isEntry && c.name === 'boot',
        );
        if (!boot) throw new Error('early-start: the boot chunk is missing');
        const table = earlyTable(bundle, routes, root, base);
        // `<` escaped: the table cannot close its script element.
        const json = JSON.stringify(table).replace(/</g, '\\u003c');
        const tags =
          `<script type="application/json" id="${EARLY_TABLE_ID}">${json}</script>\n` +
          `    <script type="module" crossorigin src="${base}${boot.fileName}"></script>\n    `;
        const at = html.indexOf('<script type="module"');
        if (at < 0) throw new Error('early-start: no module script in index.html');
        return html.slice(0, at) + tags + html.slice(at);
      },
    },
  };
}

/** The table written into the HTML (exported for the tests). */
export function earlyTable(
  bundle: OutputBundle,
  routes: readonly EarlyRouteSpec[],
  root: string,
  base: string,
): EarlyRoute[] {
  const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
  // What the HTML loads anyway: the app's entry, the boot script, and their static imports.
  const loaded = new Set<string>();
  const walk = (c: OutputChunk, into: Set<string>) => {
    if (into.has(c.fileName)) return;
    into.add(c.fileName);
    for (const f of c.imports) {
      const next = bundle[f];
      if (next?.type === 'chunk') walk(next, into);
    }
  };
  for (const c of chunks) if (c.isEntry) walk(c, loaded);
  const chunkOf = (source: string): OutputChunk => {
    const id = path.resolve(root, source);
    const c = chunks.find((x) => x.facadeModuleId === id) ?? chunks.find((x) => x.moduleIds.includes(id));
    if (!c) throw new Error(`early-start: no chunk holds ${source}`);
    return c;
  };
  const url = (file: string) => `${base}${file}`;
  return routes.map((r) => {
    const files = new Set<string>();
    for (const m of r.modules ?? []) walk(chunkOf(m), files);
    const modules = [...files].filter((f) => !loaded.has(f));
    const styles = new Set<string>();
    for (const f of modules) {
      const c = bundle[f] as OutputChunk & { viteMetadata?: { importedCss: Set<string> } };
      for (const css of c.viteMetadata?.importedCss ?? []) styles.add(css);
    }
    const out: EarlyRoute = {
      path: r.path,
      modules: modules.map(url),
      styles: [...styles].map(url),
      gets: [...(r.gets ?? [])],
    };
    if (r.exact) out.exact = true;
    if (r.except) out.except = [...r.except];
    if (r.worker) {
      const stem = path.basename(r.worker.source).replace(/\.[cm]?[jt]s$/, '');
      const file = Object.keys(bundle).find(
        (f) => path.basename(f).startsWith(`${stem}-`) && f.endsWith('.js'),
      );
      if (!file) throw new Error(`early-start: no built worker for ${r.worker.source}`);
      out.worker = { url: url(file), message: r.worker.message };
      if (r.worker.exceptSearch) out.worker.exceptSearch = [...r.worker.exceptSearch];
    }
    return out;
  });
}
