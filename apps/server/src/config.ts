import path from 'node:path';
import { z } from 'zod';

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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  logLevel: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
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
    logLevel: e.LOG_LEVEL,
  };
}
