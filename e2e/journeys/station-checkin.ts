import path from 'node:path';
import { newPage, RESULTS } from '../harness.ts';
import { expect } from './expect.ts';
import { riderSignIn, staffApi, toastsGone } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** 铜河小哥之家·铜心驿站 (沙湾区): a 铜心驿站 with meal heating, kept by the demo keeper. */
const STATION = { name: '铜河小哥之家·铜心驿站', lat: 29.4128, lng: 103.5502 };
/** A rider of this journey only (first sign-in creates the account; no SMS throttling shared). */
const RIDER = '13900000031';
const OTHER_RIDER = '13900000032';
const TILES_FAILED = '地图底图无法加载，请点「列表」查看';

/** Waits while the Asia/Shanghai clock is in the last seconds of an hour (two scans, one hour). */
async function notAtHourEnd(): Promise<void> {
  const now = new Date();
  const left = 3_600_000 - (now.getTime() % 3_600_000);
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 1_000));
}

/**
 * Issue 4, the worker's station experience (POS-01…POS-12): a rider on a 390×844 phone opens the
 * 地图 tab (signing in on the way and coming back), sees the stations clustered on the map whose
 * basemap cannot load here, switches to the list, filters 餐食加热 + 只看营业中, opens the nearest
 * station (navigation links, capacity, services), scans its poster QR (the URL the poster API
 * gives staff): 签到成功; the same scan again within the hour: 本小时已签到; 我的到访 lists it.
 * A signed-out scan goes through sign-in first. Then the public /stations page without sign-in.
 */
export const stationCheckin: Journey = {
  name: 'station map and check-in: map → list → filter → station → scan twice; public map',
  viewport: { width: 390, height: 844 },
  mobile: true,
  async run({ page, baseUrl, server }) {
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });

    // --- set-up as the district's staff: the station is open around the clock (the journey runs
    // at any hour), and the poster's QR URL
    const staff = await staffApi(baseUrl, 'swq.admin');
    const found = await staff<{ items: { id: string; name: string; version: number }[] }>(
      `/stations?q=${encodeURIComponent('铜河小哥之家')}`,
    );
    const station = found.items.find((s) => s.name === STATION.name);
    if (!station) throw new Error(`demo station ${STATION.name} missing`);
    await staff(`/stations/${station.id}`, {
      method: 'PATCH',
      body: { hours: { alwaysOpen: true, weekly: [], holidays: 'as_usual' }, version: station.version },
    });
    const poster = await staff<{ checkinUrl: string }>(`/stations/${station.id}/poster`);
    if (!poster.checkinUrl.startsWith(`${baseUrl}/m/checkin/ST-511111-`))
      throw new Error(`unexpected check-in URL ${poster.checkinUrl}`);

    // --- the rider stands at the station; opens the map tab, signs in, comes back to the map
    await page.context().grantPermissions(['geolocation'], { origin: baseUrl });
    await page.context().setGeolocation({ latitude: STATION.lat, longitude: STATION.lng, accuracy: 30 });
    await page.goto(`${baseUrl}/m/map`);
    await page.waitForURL(/\/m\/login\?next=%2Fm%2Fmap/);
    await riderSignIn(page, server, RIDER);
    await page.waitForURL(/\/m\/map$/);
    await toastsGone(page);
    await page.getByRole('region', { name: '驿站分布地图' }).waitFor();
    await page.locator('[data-testid="stations-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('.nx-map-marker').first().waitFor();
    await page.getByText(TILES_FAILED).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: '扫码签到' }).waitFor();
    await shot(page, 'stations-m-01-map-tiles-failed');

    // --- the list works on its own, nearest first
    await page.getByRole('button', { name: '列表', exact: true }).click();
    await page.waitForURL(/view=list/);
    await page.getByText(/^\d+ 个驿站 · 由近到远$/).waitFor();
    await shot(page, 'stations-m-02-list');

    // --- filters: meal heating, open now. The list keeps the last answer on screen while the
    // filtered one loads (aria-busy): read it once the filtered answer is in and drawn.
    const filtered = page.waitForResponse((r) => {
      const u = r.url();
      return (
        u.includes('/api/v1/stations/nearby?') &&
        u.includes('openNow=true') &&
        u.includes('service=meal_heating')
      );
    });
    await page.getByRole('button', { name: '餐食加热', exact: true }).click();
    await page.getByRole('button', { name: '只看营业中', exact: true }).click();
    await page.waitForURL(/service=meal_heating/);
    await page.waitForURL(/open=1/);
    await filtered;
    await page.locator('.nx-st-list[aria-busy="false"]').waitFor();
    const cards = page.locator('.nx-st-card:not(.is-skeleton)');
    await cards.first().filter({ hasText: STATION.name }).waitFor();
    const shown = await cards.allTextContents();
    for (const text of shown) {
      expect(text).toContain('营业中');
      expect(text).not.toContain('休息中');
    }
    expect(shown[0] ?? '').toContain('餐食加热');
    await shot(page, 'stations-m-03-list-filtered');

    // --- the nearest station's page
    await cards.first().click();
    await page.waitForURL(new RegExp(`/m/stations/${station.id}$`));
    await page.getByRole('heading', { name: STATION.name, level: 1 }).waitFor();
    const amap = (await page.getByRole('link', { name: /高德导航/ }).getAttribute('href')) ?? '';
    expect(amap).toContain('https://uri.amap.com/marker?position=103.5502,29.4128');
    expect(amap).toContain('coordinate=wgs84');
    const geo = (await page.getByRole('link', { name: '其他地图' }).getAttribute('href')) ?? '';
    expect(geo).toContain('geo:29.4128,103.5502?q=29.4128,103.5502(');
    const detail = (await page.getByTestId('station-detail').textContent()) ?? '';
    for (const part of [
      '营业中',
      '24 小时开放',
      '实时余量',
      '座位',
      '充电桩',
      '基本服务',
      '餐食加热',
      '免费饮水',
    ])
      expect(detail).toContain(part);
    // The page as the phone shows it (a full-page capture would pin the tab bar mid-page).
    await page.screenshot({ path: path.join(RESULTS, 'stations-m-04-station-page.png') });
    await page.mouse.wheel(0, 900);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(RESULTS, 'stations-m-05-station-page-more.png') });

    // --- scan the poster: checked in; scan again within the hour: already checked in
    await notAtHourEnd();
    await page.goto(poster.checkinUrl);
    const result = page.getByTestId('checkin-result');
    await page.locator('[data-testid="checkin-result"][data-outcome="done"]').waitFor();
    await page.getByRole('heading', { name: '签到成功' }).waitFor();
    expect((await result.textContent()) ?? '').toContain(STATION.name);
    await shot(page, 'stations-m-06-checkin-success');
    await page.goto(poster.checkinUrl);
    await page.getByRole('heading', { name: '本小时已签到' }).waitFor();
    expect((await result.textContent()) ?? '').toContain(STATION.name);
    await shot(page, 'stations-m-07-checkin-repeat');

    // --- a spoiled code
    await page.goto(poster.checkinUrl.replace(/t=[^&]+/, 't=AAAAAAAAAAAAAAAA'));
    await page.getByRole('heading', { name: '二维码无效' }).waitFor();

    // --- 我的 → 我的到访
    await page.getByText('我的', { exact: true }).last().click();
    await page.getByText('扫码签到过的驿站').click();
    await page.waitForURL(/\/m\/visits$/);
    await page.getByText(STATION.name).first().waitFor();
    await shot(page, 'stations-m-08-my-visits');

    // --- the in-app scanner explains the camera way where the browser cannot scan
    await page.goto(`${baseUrl}/m/map`);
    await page.getByRole('button', { name: '扫码签到' }).click();
    await page
      .getByText('用手机相机扫码签到')
      .or(page.getByText('将驿站海报上的二维码放入框内'))
      .first()
      .waitFor();
    await page.waitForTimeout(500); // the sheet's slide-in
    await shot(page, 'stations-m-09-scanner');
    await page.getByRole('button', { name: '关闭' }).click();

    // --- a signed-out rider scans: sign-in first, then the check-in completes
    const fresh = await newPage(browser, { viewport: { width: 390, height: 844 }, mobile: true });
    try {
      await fresh.page.goto(poster.checkinUrl);
      await fresh.page.getByText('登录后将自动完成驿站签到').waitFor();
      await riderSignIn(fresh.page, server, OTHER_RIDER);
      await fresh.page.getByRole('heading', { name: '签到成功' }).waitFor();
      if (!fresh.page.url().startsWith(poster.checkinUrl.split('?')[0]!))
        throw new Error(`not back at the check-in: ${fresh.page.url()}`);
    } finally {
      await fresh.context.close();
    }

    // --- the public map, no sign-in, phone and desktop
    const pub = await newPage(browser, { viewport: { width: 390, height: 844 }, mobile: true });
    try {
      const p = pub.page;
      p.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
      });
      await p.goto(`${baseUrl}/stations`);
      await p.getByRole('heading', { name: '乐山暖心驿站地图' }).waitFor();
      await p.locator('[data-testid="stations-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
      await p.getByText(TILES_FAILED).waitFor({ timeout: 20_000 });
      await shot(p, 'stations-public-01-map');
      await p.getByRole('button', { name: '列表', exact: true }).click();
      await p.locator('.nx-st-card:not(.is-skeleton)').first().click();
      await p.getByTestId('station-detail').waitFor();
      await p.getByRole('link', { name: /高德导航/ }).waitFor();
      expect((await p.getByTestId('station-detail').textContent()) ?? '').not.toContain('到店后扫描');
      await p.waitForTimeout(400); // the drawer's slide-in
      await shot(p, 'stations-public-02-detail');
      await p.getByRole('button', { name: '关闭' }).click();
      await p.getByRole('button', { name: '切换语言' }).click();
      await p.getByRole('heading', { name: 'Leshan warm-heart station map' }).waitFor();
      await p.getByRole('button', { name: 'Open now', exact: true }).waitFor();
      await shot(p, 'stations-public-03-list-en');
    } finally {
      await pub.context.close();
    }
    const desk = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    try {
      await desk.page.goto(`${baseUrl}/stations`);
      await desk.page.locator('[data-testid="stations-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
      await desk.page.locator('.nx-st-card:not(.is-skeleton)').first().waitFor();
      await shot(desk.page, 'stations-public-04-desktop');
    } finally {
      await desk.context.close();
    }

    if (csp.length) throw new Error(`CSP violations: ${csp.join(' | ')}`);
  },
};
