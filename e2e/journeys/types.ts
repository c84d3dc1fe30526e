import type { Page } from 'playwright-core';
import type { Server } from '../harness.ts';

export { shot } from '../harness.ts';

export interface JourneyContext {
  page: Page;
  baseUrl: string;
  server: Server;
}

export interface Journey {
  name: string;
  viewport: { width: number; height: number };
  mobile?: boolean;
  run(ctx: JourneyContext): Promise<void>;
}
