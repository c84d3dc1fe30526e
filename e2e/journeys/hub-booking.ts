import type { Page } from 'playwright-core';
import { newPage } from '../harness.ts';
import { consoleSignIn, riderSignIn, staffApi, toastsGone } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** A worker of this journey (signs up on first sign-in) and the demo hub. */
const WORKER = '13900000043';
const HUB = '沙湾区G348“暖心之家”';
const PLATE = '川L88866';

/** Waits until the camera picture on the page has really loaded (a decoded image, not a broken one). */
async function pictureLoaded(page: Page): Promise<void> {
  // Typed by hand: the journeys compile without the DOM library.
  type Img = { complete: boolean; naturalWidth: number };
  await page.waitForFunction(
    () => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): Img | null } }).document;
      const img = doc.querySelector('[data-testid="camera-picture"] img');
      return !!img && img.complete && img.naturalWidth > 0;
    },
    undefined,
    { timeout: 15_000 },
  );
}

/**
 * HUB-01, HUB-03: a truck driver on a 390×844 phone opens the G348 暖心之家, books a bed with his own
 * bedding and a truck bay for tonight, and sees on the booking page the camera watching his bay;
 * the keeper finds the booking on the console's bookings board, confirms the payment at the
 * counter and checks him in; the room's TV shows the bay camera with the masked plate, and a
 * wrong TV key shows a clear 404 page.
 */
export const hubBooking: Journey = {
  name: 'hub-booking: worker books bed and bay, keeper confirms payment and checks in, room TV',
  viewport: { width: 390, height: 844 },
  mobile: true,
  async run({ page, baseUrl, server }) {
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    const admin = await staffApi(baseUrl, 'swq.admin');
    const found = await admin<{ items: { id: string; name: string }[] }>(
      `/stations?q=${encodeURIComponent('G348')}`,
    );
    const hub = found.items.find((s) => s.name === HUB);
    if (!hub) throw new Error(`demo station ${HUB} missing`);

    // --- the worker: station page → 预订床位 (signing in on the way)
    await page.goto(`${baseUrl}/m/stations/${hub.id}`);
    await page.waitForURL(/\/m\/login/);
    await riderSignIn(page, server, WORKER);
    await page.waitForURL(new RegExp(`/m/stations/${hub.id}$`));
    await page.getByTestId('open-hub').waitFor();
    await toastsGone(page);
    await page.getByTestId('open-hub').scrollIntoViewIfNeeded();
    await shot(page, 'hub-01-station-page');
    await page.getByTestId('open-hub').click();
    await page.waitForURL(/\/hub$/);
    await page.getByText('今晚').first().waitFor();
    await page
      .getByTestId('hub-free')
      .filter({ hasText: /床位 \d+/ })
      .waitFor();
    // Tonight, own bedding and a bay are the defaults; the plate goes in.
    await page.getByRole('textbox', { name: '车牌号' }).fill(PLATE);
    await page.getByTestId('hub-total').filter({ hasText: '1 元' }).waitFor();
    await page.getByRole('textbox', { name: '车牌号' }).scrollIntoViewIfNeeded();
    await shot(page, 'hub-02-book-form');
    await page.getByRole('button', { name: /预\s*订/ }).click();
    await page.waitForURL(/\/m\/bookings\/[0-9a-f-]{36}$/);
    const bookingId = page.url().split('/').pop()!;
    await page.getByTestId('hub-bay').filter({ hasText: /P\d\d/ }).waitFor();
    await page.getByText('待付款').waitFor();
    await pictureLoaded(page);
    await toastsGone(page);
    await page.getByTestId('camera-picture').scrollIntoViewIfNeeded();
    await shot(page, 'hub-03-booking-camera');
    await page.goto(`${baseUrl}/m/bookings`);
    await page.getByTestId('hub-booking-item').first().waitFor();
    await shot(page, 'hub-04-my-bookings');

    // --- the keeper: 暖心之家 menu → board → 收现金 → 入住
    const { page: keeper, context } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    try {
      await consoleSignIn(keeper, baseUrl, 'swq.keeper');
      await keeper.getByRole('link', { name: '暖心之家' }).first().click();
      await keeper.waitForURL(/\/admin\/hub$/);
      await keeper
        .getByRole('listitem')
        .filter({ hasText: HUB })
        .getByRole('button', { name: '打开看板' })
        .click();
      await keeper.waitForURL(new RegExp(`/admin/stations/${hub.id}/hub$`));
      const arrivals = keeper.getByTestId('hub-arrivals');
      const row = arrivals.getByRole('row').filter({ hasText: '川L·88866' });
      await row.waitFor();
      await keeper.getByTestId('hub-rooms').waitFor();
      await shot(keeper, 'hub-05-board');
      await row.getByTestId('pay-cash').click();
      await keeper
        .getByRole('button', { name: /确\s*定|OK/ })
        .last()
        .click();
      await row.getByText('已付款').waitFor();
      await row.getByTestId('check-in').click();
      await row.getByText('已入住').waitFor();
      await keeper.getByTestId('hub-inhouse').getByRole('row').filter({ hasText: '川L·88866' }).waitFor();
      await shot(keeper, 'hub-06-board-checked-in');
      // The setup tab: a keeper sees rooms, cameras, bays and prices read-only.
      await keeper.getByRole('tab', { name: '房间与设置' }).click();
      await keeper.getByText('您可以查看，设置需由阵地管理员修改').waitFor();
      await keeper.getByText('停车场东区').first().waitFor();
      await shot(keeper, 'hub-06b-setup-keeper');
    } finally {
      await context.close();
    }

    // --- the worker's page says paid and checked in
    await page.goto(`${baseUrl}/m/bookings/${bookingId}`);
    await page.getByText('已入住').first().waitFor();
    await page.getByText('已付款').waitFor();

    // --- the room TV: no sign-in, the bay camera and the masked plate; a wrong key is a 404 page
    const booking = await admin<{ roomId: string; bayCode: string }>(`/hub/bookings/${bookingId}`);
    const setup = await admin<{ rooms: { id: string; tvKey: string | null }[] }>(
      `/stations/${hub.id}/hub/setup`,
    );
    const tvKey = setup.rooms.find((r) => r.id === booking.roomId)?.tvKey;
    if (!tvKey) throw new Error('no TV key for the room');
    const { page: tv, context: tvContext } = await newPage(browser, {
      viewport: { width: 1280, height: 720 },
    });
    try {
      tv.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
      });
      await tv.goto(`${baseUrl}/tv/rooms/${booking.roomId}?k=${encodeURIComponent(tvKey)}`);
      await tv.getByTestId('tv-page').waitFor();
      await tv.getByText(`${booking.bayCode} 号车位`).waitFor();
      await tv.getByText('川L·***66').waitFor();
      await pictureLoaded(tv);
      await shot(tv, 'hub-07-room-tv');
      await tv.goto(`${baseUrl}/tv/rooms/${booking.roomId}?k=wrong-key`);
      await tv.getByTestId('tv-invalid').waitFor();
      await tv.getByText('房间电视链接无效').waitFor();
      await shot(tv, 'hub-08-room-tv-invalid');
    } finally {
      await tvContext.close();
    }
    if (csp.length) throw new Error(`CSP violations: ${csp.join(' | ')}`);
  },
};
