import path from 'node:path';
import { launchBrowser, newPage, RESULTS, shot, startServer } from './harness.ts';
import { appealCatalogue } from './journeys/appeal-catalogue.ts';
import { appealLifecycle } from './journeys/appeal-lifecycle.ts';
import { appealMap } from './journeys/appeal-map.ts';
import { canteenOrder } from './journeys/canteen-order.ts';
import { canteenServices } from './journeys/canteen-services.ts';
import { compoundAccess } from './journeys/compound-access.ts';
import { consoleCreateUser } from './journeys/console-create-user.ts';
import { greenChannel } from './journeys/green-channel.ts';
import { hubBooking } from './journeys/hub-booking.ts';
import { mealDelivery } from './journeys/meal-delivery.ts';
import { stationAccounts } from './journeys/station-accounts.ts';
import { stationCheckin } from './journeys/station-checkin.ts';
import { stationConsole } from './journeys/station-console.ts';
import type { Journey } from './journeys/types.ts';
import { wishBox } from './journeys/wish-box.ts';
import { workerSignIn } from './journeys/worker-sign-in.ts';

/** Runs every browser journey against one fresh server; prints `e2e: N passed, M failed`. */
const JOURNEYS: Journey[] = [
  consoleCreateUser,
  workerSignIn,
  appealLifecycle,
  greenChannel,
  wishBox,
  appealCatalogue,
  appealMap,
  stationConsole,
  stationAccounts,
  compoundAccess,
  stationCheckin,
  canteenOrder,
  canteenServices,
  mealDelivery,
  hubBooking,
];

async function main(): Promise<number> {
  const only = process.argv[2];
  const selected = only ? JOURNEYS.filter((j) => j.name.includes(only)) : JOURNEYS;
  let passed = 0;
  let failed = 0;
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    for (const journey of selected) {
      const { context, page } = await newPage(browser, {
        viewport: journey.viewport,
        mobile: journey.mobile,
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const started = Date.now();
      try {
        await journey.run({ page, baseUrl: server.baseUrl, server });
        passed++;
        console.log(`  ✓ ${journey.name} (${Date.now() - started} ms)`);
      } catch (err) {
        failed++;
        const file = `failed-${journey.name.replace(/[^a-z0-9]+/gi, '-')}`;
        await shot(page, file).catch(() => undefined);
        console.log(`  ✗ ${journey.name}\n    ${(err as Error).message.split('\n').join('\n    ')}`);
        if (errors.length) console.log(`    page errors: ${errors.join(' | ')}`);
        console.log(`    screenshot: ${path.join(RESULTS, `${file}.png`)}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
