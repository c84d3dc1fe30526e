import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy of every built script,
 * stylesheet and SVG of at least 1 KB next to it. The server sends them as they are
 * (`@fastify/static` `preCompressed`) instead of compressing each asset again for every page load:
 * ~1.5 MB of scripts per cold start of the worker app's map took the server's one thread 15–40 ms
 * per large file, in front of the page's API answers.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'nx:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|svg)$/.test(file)) continue;
        const full = path.join(outDir, file);
        const bytes = fs.readFileSync(full);
        if (bytes.length < 1024) continue;
        fs.writeFileSync(
          `${full}.br`,
          zlib.brotliCompressSync(bytes, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }),
        );
        fs.writeFileSync(`${full}.gz`, zlib.gzipSync(bytes, { level: 9 }));
      }
    },
  };
}
