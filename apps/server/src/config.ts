import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_TILE_ATTRIBUTION,
  DEFAULT_TILE_SUBDOMAINS,
  DEFAULT_TILE_URL,
  parseSubdomains,
  type TileConfig,
  tileTemplateProblem,
} from './platform/geo/tiles.ts';

/**
 * Every setting comes from the environment, parsed once here and documented in README.md
 * ("Configuration"). Nothing else reads process.env.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATABASE_READ_URL: z.string().optional(),
  NUANXIN_DATA_DIR: z.string().default('./data'),
  NUANXIN_SECRET: z.string().min(32).optional(),
  NUANXIN_SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  NUANXIN_REQUIRE_STAFF_TOTP: z.enum(['true', 'false']).default('false'),
  NUANXIN_PUBLIC_URL: z.string().optional(),
  NUANXIN_WEB_DIST: z.string().optional(),
  NUANXIN_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  NUANXIN_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  NUANXIN_JOBS: z.enum(['on', 'off']).default('on'),
  NUANXIN_DELIVERY_ESCALATE_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NUANXIN_TILE_URL: z.string().trim().min(1).optional(),
  NUANXIN_TILE_SUBDOMAINS: z.string().optional(),
  NUANXIN_TILE_CRS: z.enum(['gcj02', 'wgs84']).default('gcj02'),
  NUANXIN_TILE_ATTRIBUTION: z.string().max(300).optional(),
});

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databaseReadUrl: string | undefined;
  dataDir: string;
  secret: string | undefined;
  seedDemo: boolean;
  requireStaffTotp: boolean;
  publicUrl: string;
  webDist: string;
  trustProxy: boolean;
  rateLimitMax: number;
  jobs: boolean;
  /** Minutes before a meal-delivery window an unclaimed request is escalated (docs/deliveries.md). */
  deliveryEscalateMinutes: number;
  logLevel: string;
  /** The basemap of the web app's maps (docs/maps.md). */
  tiles: TileConfig;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const tiles = tileConfigOf(e);
  const root = path.resolve(import.meta.dirname, '../../..');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    databaseReadUrl: e.DATABASE_READ_URL || undefined,
    dataDir: path.resolve(root, e.NUANXIN_DATA_DIR),
    secret: e.NUANXIN_SECRET,
    seedDemo: e.NUANXIN_SEED_DEMO === 'auto',
    requireStaffTotp: e.NUANXIN_REQUIRE_STAFF_TOTP === 'true',
    publicUrl: e.NUANXIN_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    webDist: e.NUANXIN_WEB_DIST ?? path.resolve(root, 'apps/web/dist'),
    trustProxy: e.NUANXIN_TRUST_PROXY === 'true',
    rateLimitMax: e.NUANXIN_RATE_LIMIT_MAX,
    jobs: e.NUANXIN_JOBS === 'on',
    deliveryEscalateMinutes: e.NUANXIN_DELIVERY_ESCALATE_MINUTES,
    logLevel: e.LOG_LEVEL,
    tiles,
  };
}

/**
 * The basemap: 高德 road tiles unless NUANXIN_TILE_URL names another template. A custom template
 * brings its own subdomains and attribution (the defaults belong to 高德).
 */
function tileConfigOf(e: z.infer<typeof schema>): TileConfig {
  const custom = e.NUANXIN_TILE_URL !== undefined && e.NUANXIN_TILE_URL !== DEFAULT_TILE_URL;
  const url = e.NUANXIN_TILE_URL ?? DEFAULT_TILE_URL;
  const subdomains =
    e.NUANXIN_TILE_SUBDOMAINS !== undefined
      ? parseSubdomains(e.NUANXIN_TILE_SUBDOMAINS)
      : custom
        ? []
        : [...DEFAULT_TILE_SUBDOMAINS];
  const problem = tileTemplateProblem(url, subdomains);
  if (problem) throw new Error(`Invalid configuration:\n  NUANXIN_TILE_URL: ${problem}`);
  return {
    url,
    subdomains: url.includes('{s}') ? subdomains : [],
    crs: e.NUANXIN_TILE_CRS,
    attribution: e.NUANXIN_TILE_ATTRIBUTION ?? (custom ? '' : DEFAULT_TILE_ATTRIBUTION),
  };
}
