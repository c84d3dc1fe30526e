import path from 'node:path';
import type { Plugin, Rolldown } from 'vite';

/**
 * Few chunks for the worker app's first load. Left to itself the bundler cuts the modules the
 * worker map needs into ~45 chunks (one per set of lazy pages sharing them: antd-mobile's badge,
 * its safe-area, a babel helper, …), most under 2 KB. The browser fetches six at a time over
 * HTTP/1.1, each costs a round trip on a phone's network, and the stations feed queues behind
 * them.
 *
 * Each group names root modules (the worker app's shell; its home and map pages). The modules
 * they need, and the entry does not already load, go into one chunk per group (the shell takes
 * all it needs; a module two pages need gets a chunk of its own), except those a page outside the
 * worker app imports too: those go into chunks by the pages using them, so the console never
 * downloads the worker app's code nor antd-mobile (checked on every build). A lazy page is the
 * worker app's when it imports antd-mobile.
 *
 * "Need" follows re-exports by name: `import { TabBar } from 'antd-mobile'` needs antd-mobile's
 * index and the tab bar, not the other sixty components the index re-exports (which pages other
 * than the shell load in their own chunks).
 */

export interface FirstLoadGroup {
  /** Chunk name (`m-shell` → `assets/m-shell-<hash>.js`). */
  name: string;
  /** Source paths relative to the web app's folder. */
  roots: string[];
  /** Loaded with every other group (the app's shell): takes all it needs, shared or not. */
  shell?: boolean;
}

/** Names asked of a module: some, or all (`*`: a namespace import, or not known). */
export type Wanted = ReadonlySet<string> | '*';

/** What a module imports and re-exports, by resolved module id. */
export interface ModuleFacts {
  /** Dependencies its own code uses, with the names it imports (empty: for side effects only). */
  imports: ReadonlyMap<string, Wanted>;
  /** `export { a as b } from './x'`: exported name → where it comes from. */
  reexports: ReadonlyMap<string, { from: string; name: string }>;
  /** `export * from './x'`. */
  starFrom: readonly string[];
}

/** The module graph as the partition reads it; `facts` null: follow every import, for all names. */
export interface ModuleGraph {
  ids: Iterable<string>;
  entries: readonly string[];
  imports: (id: string) => readonly string[];
  dynamicImports: (id: string) => readonly string[];
  facts: (id: string) => ModuleFacts | null;
  /** Bytes of a module's code. */
  size: (id: string) => number;
}

/** The modules `roots` need (asked for all their names), following re-exports by name. */
export function neededModules(graph: ModuleGraph, roots: Iterable<string>): Set<string> {
  const asked = new Map<string, Set<string> | '*'>();
  const stack: [string, Wanted][] = [...roots].map((r) => [r, '*']);
  // `name` '*': a namespace re-exported whole.
  const follow = (r: { from: string; name: string }) =>
    stack.push([r.from, r.name === '*' ? '*' : new Set([r.name])]);
  while (stack.length > 0) {
    const [id, want] = stack.pop()!;
    const before = asked.get(id);
    // Only what was not asked of this module before.
    let fresh: Wanted;
    if (before === '*') continue;
    if (before === undefined) fresh = want;
    else if (want === '*') fresh = '*';
    else {
      fresh = new Set([...want].filter((n) => !before.has(n)));
      if (fresh.size === 0) continue;
    }
    if (fresh === '*') asked.set(id, '*');
    else asked.set(id, new Set([...(before === undefined ? [] : before), ...fresh]));
    const facts = graph.facts(id);
    if (!facts) {
      if (before === undefined) for (const d of graph.imports(id)) stack.push([d, '*']);
      continue;
    }
    // Its own code runs whatever is asked of it, once.
    if (before === undefined) for (const [d, names] of facts.imports) stack.push([d, names]);
    if (fresh === '*') {
      for (const r of facts.reexports.values()) follow(r);
      for (const s of facts.starFrom) stack.push([s, '*']);
      continue;
    }
    for (const name of fresh) {
      const r = facts.reexports.get(name);
      if (r) follow(r);
      else for (const s of facts.starFrom) stack.push([s, new Set([name])]);
    }
  }
  return new Set(asked.keys());
}

/** Every module `roots` import statically (all re-exports included). */
function allImports(graph: ModuleGraph, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const d of graph.imports(id)) if (!seen.has(d)) stack.push(d);
  }
  return seen;
}

/** Shared modules with the same users below this size (bytes of code) share one chunk. */
export const SMALL_SHARED_BYTES = 64 * 1024;

/** A chunk's name from its biggest module: the package's name, or the file's. */
function labelOf(id: string): string {
  const pkg = id.match(/[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/)?.[1];
  return (pkg ?? path.basename(id).replace(/\.[cm]?[jt]sx?$/, '')).replace(/[\\/@]+/g, '-').replace(/^-/, '');
}

/**
 * Module id → chunk name, for the modules the groups need and the entry does not load. The shell
 * group takes what it needs. Every other module goes by the groups needing it: those only the
 * worker app loads into the group's chunk (`m-map`; `m-home-m-map` when two pages need it); those
 * pages outside it load too by the set of pages using them, as the bundler would cut them
 * (`m-map-leaflet`), small sets together (`m-map-shared`) unless they import a bigger one.
 */
export function firstLoadPartition(
  graph: ModuleGraph,
  groups: readonly { name: string; roots: readonly string[]; shell?: boolean }[],
  isWorkerLibrary: (id: string) => boolean,
): Map<string, string> {
  const entry = neededModules(graph, graph.entries);
  // The pages outside the worker app that may load each module. Every import counted here (wider
  // than needed): a module wrongly counted goes to a shared chunk, which the worker app loads too.
  const lazyRoots = new Set<string>();
  for (const id of graph.ids) for (const d of graph.dynamicImports(id)) lazyRoots.add(d);
  const usersOf = new Map<string, string[]>();
  for (const root of [...lazyRoots].sort()) {
    const r = allImports(graph, [root]);
    if ([...r].some(isWorkerLibrary)) continue;
    for (const id of r) usersOf.set(id, [...(usersOf.get(id) ?? []), root]);
  }
  // Owner: the shell when it needs the module, else every group needing it.
  const owners = new Map<string, string[]>();
  for (const g of groups) {
    for (const id of neededModules(graph, g.roots)) {
      if (entry.has(id)) continue;
      const have = owners.get(id) ?? [];
      if (have.length === 1 && groups.find((x) => x.name === have[0])?.shell) continue;
      owners.set(id, g.shell ? [g.name] : [...have, g.name]);
    }
  }
  const out = new Map<string, string>();
  // Per owner, the shared modules by their users outside the worker app.
  const families = new Map<string, Map<string, string[]>>();
  for (const [id, who] of owners) {
    const owner = who.join('-');
    const users = usersOf.get(id);
    if (!users) {
      out.set(id, owner);
      continue;
    }
    const buckets = families.get(owner) ?? new Map<string, string[]>();
    families.set(owner, buckets);
    const key = users.join('\n');
    buckets.set(key, [...(buckets.get(key) ?? []), id]);
  }
  for (const [owner, buckets] of families) {
    // Small buckets merge unless one of their modules imports a module of a big bucket (the
    // merged chunk and that bucket's would then import each other).
    const bucketOf = new Map<string, string>();
    for (const [key, ids] of buckets) for (const id of ids) bucketOf.set(id, key);
    const size = (ids: string[]) => ids.reduce((n, id) => n + graph.size(id), 0);
    const merged = new Set([...buckets].filter(([, ids]) => size(ids) < SMALL_SHARED_BYTES).map(([k]) => k));
    for (let changed = true; changed; ) {
      changed = false;
      for (const key of merged) {
        const reachesBig = buckets
          .get(key)!
          .some((id) => graph.imports(id).some((d) => bucketOf.has(d) && !merged.has(bucketOf.get(d)!)));
        if (reachesBig) {
          merged.delete(key);
          changed = true;
        }
      }
    }
    for (const [key, ids] of buckets) {
      const biggest = [...ids].sort((a, b) => graph.size(b) - graph.size(a) || a.localeCompare(b))[0]!;
      const name = merged.has(key) ? `${owner}-shared` : `${owner}-${labelOf(biggest)}`;
      for (const id of ids) out.set(id, name);
    }
  }
  return out;
}

type Node = { type: string; [key: string]: unknown };
const nameOf = (n: unknown): string => {
  const x = n as { type?: string; name?: string; value?: unknown };
  return x.type === 'Literal' ? String(x.value) : String(x.name);
};

/**
 * The import and re-export statements of a module's code (`resolve`: specifier → module id). A
 * module of nothing but imports and exports (a barrel: `import { a } from './a'; export { a }`)
 * passes its imports on by name; any other module's own code counts as using all it imports.
 */
export function moduleFacts(
  program: { body: unknown[] },
  resolve: (spec: string) => string | null,
): ModuleFacts {
  const imports = new Map<string, Set<string> | '*'>();
  const reexports = new Map<string, { from: string; name: string }>();
  const starFrom: string[] = [];
  const body = program.body as Node[];
  const barrel = body.every(
    (s) =>
      s.type === 'ImportDeclaration' ||
      s.type === 'ExportAllDeclaration' ||
      (s.type === 'ExportNamedDeclaration' && !s.declaration),
  );
  const use = (from: string, names: Wanted) => {
    const have = imports.get(from);
    if (have === '*' || names === '*') imports.set(from, '*');
    else imports.set(from, new Set([...(have ?? []), ...names]));
  };
  // A barrel's imported bindings: local name → where it comes from.
  const bound = new Map<string, { from: string; name: string }>();
  for (const s of body) {
    const source = (s.source as { value?: string } | null | undefined)?.value;
    const from = typeof source === 'string' ? resolve(source) : null;
    if (s.type === 'ImportDeclaration' && from) {
      const specs = (s.specifiers as Node[] | undefined) ?? [];
      if (!barrel || specs.length === 0) {
        if (specs.some((x) => x.type === 'ImportNamespaceSpecifier')) use(from, '*');
        else
          use(
            from,
            new Set(specs.map((x) => (x.type === 'ImportDefaultSpecifier' ? 'default' : nameOf(x.imported)))),
          );
        continue;
      }
      for (const x of specs) {
        const name =
          x.type === 'ImportNamespaceSpecifier'
            ? '*'
            : x.type === 'ImportDefaultSpecifier'
              ? 'default'
              : nameOf(x.imported);
        bound.set(nameOf(x.local), { from, name });
      }
    } else if (s.type === 'ExportNamedDeclaration') {
      for (const x of (s.specifiers as Node[] | undefined) ?? []) {
        const exported = nameOf(x.exported);
        const local = nameOf(x.local);
        if (from) reexports.set(exported, { from, name: local });
        else {
          const b = bound.get(local);
          if (b) reexports.set(exported, b);
        }
      }
    } else if (s.type === 'ExportAllDeclaration' && from) {
      // `export * as ns from` re-exports the namespace under one name.
      if (s.exported) reexports.set(nameOf(s.exported), { from, name: '*' });
      else starFrom.push(from);
    }
  }
  return { imports, reexports, starFrom };
}

const WORKER_LIBRARY = /[\\/]node_modules[\\/]antd-mobile[\\/]/;
const CONSOLE_LIBRARY = /[\\/]node_modules[\\/]antd[\\/]/;

export function firstLoadChunks(groups: readonly FirstLoadGroup[]): Plugin {
  let root = process.cwd();
  let chunkOf = new Map<string, string>();
  return {
    name: 'nx:first-load-chunks',
    apply: 'build',
    config(config) {
      root = config.root ?? process.cwd();
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                // Captured exactly as partitioned (not with everything they import).
                groups: [
                  {
                    name: (id: string) => chunkOf.get(id) ?? null,
                    test: (id: string) => chunkOf.has(id),
                    includeDependenciesRecursively: false,
                  },
                ],
              },
            },
          },
        },
      };
    },
    async buildEnd() {
      const ids = [...this.getModuleIds()];
      const info = (id: string) => this.getModuleInfo(id);
      const entries = ids.filter((id) => info(id)?.isEntry);
      const roots = groups.map((g) => ({ ...g, roots: g.roots.map((r) => path.resolve(root, r)) }));
      const graph: ModuleGraph = {
        ids,
        entries,
        imports: (id) => info(id)?.importedIds ?? [],
        dynamicImports: (id) => info(id)?.dynamicallyImportedIds ?? [],
        facts: (id) => facts.get(id) ?? null,
        size: (id) => info(id)?.code?.length ?? 0,
      };
      const facts = new Map<string, ModuleFacts | null>();
      // Read for the modules the entry and the groups can reach (not the console's thousands).
      // Resolved as the bundler did: each static import of a module is one of its importedIds.
      for (const id of allImports(graph, [...entries, ...roots.flatMap((g) => g.roots)])) {
        const m = info(id);
        if (!m?.code || m.importedIds.length === 0 || m.inputFormat === 'cjs') {
          facts.set(id, null);
          continue;
        }
        const program = this.parse(m.code) as unknown as { body: unknown[] };
        const resolved = new Map<string, string | null>();
        for (const raw of program.body) {
          const spec = ((raw as Node).source as { value?: string } | null | undefined)?.value;
          if (typeof spec !== 'string' || resolved.has(spec)) continue;
          const r = await this.resolve(spec, id);
          resolved.set(spec, r && !r.external && m.importedIds.includes(r.id) ? r.id : null);
        }
        // A specifier not matched to a known import: read the module as importing everything.
        facts.set(
          id,
          [...resolved.values()].includes(null) ? null : moduleFacts(program, (s) => resolved.get(s) ?? null),
        );
      }
      chunkOf = firstLoadPartition(graph, roots, (id) => WORKER_LIBRARY.test(id));
    },
    generateBundle(_options, bundle) {
      const mixed = facesMixed(bundle);
      if (mixed.length > 0)
        this.error(`the console and the worker app must not share chunks: ${mixed.join('; ')}`);
    },
  };
}

/**
 * The chunks that load, with their static imports, both antd (the console) and antd-mobile (the
 * worker app).
 */
export function facesMixed(bundle: Rolldown.OutputBundle): string[] {
  const chunks = new Map(
    Object.values(bundle)
      .filter((c): c is Rolldown.OutputChunk => c.type === 'chunk')
      .map((c) => [c.fileName, c]),
  );
  const loads = (start: Rolldown.OutputChunk) => {
    const seen = new Set<string>();
    const stack = [start.fileName];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      stack.push(...(chunks.get(f)?.imports ?? []));
    }
    return [...seen].flatMap((f) => chunks.get(f)?.moduleIds ?? []);
  };
  const out: string[] = [];
  for (const c of chunks.values()) {
    const ids = loads(c);
    if (ids.some((id) => CONSOLE_LIBRARY.test(id)) && ids.some((id) => WORKER_LIBRARY.test(id)))
      out.push(`${c.fileName} (${c.facadeModuleId ?? c.moduleIds[0]}) loads both antd and antd-mobile`);
  }
  return out;
}
