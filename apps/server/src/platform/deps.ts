import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { WorkCalendar } from './calendar/index.ts';
import type { Database } from './db/client.ts';
import type { EventDispatcher } from './events/dispatcher.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { PiiCipher } from './pii/crypto.ts';

/**
 * What the server is built from. Modules receive this and construct their services from it, so a
 * test can build the same app on another database or with other senders.
 */
export interface PlatformDeps {
  config: Config;
  database: Database;
  pii: PiiCipher;
  log: Logger;
  /** After-commit event dispatch; services `publish` through it. */
  events: EventDispatcher;
  /** Delayed and scheduled jobs; polling only where started (main.ts, NUANXIN_JOBS=on). */
  jobs: Jobs;
  /** Working days and office hours (Asia/Shanghai) for deadlines and SLA metrics. */
  calendar: WorkCalendar;
}
