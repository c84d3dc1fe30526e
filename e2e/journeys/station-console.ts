import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { newPage, RESULTS } from '../harness.ts';
import { expect } from './expect.ts';
import { consoleSignIn, pick } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** antd puts a space between two CJK characters in a button ("保 存"). */
const btn = (label: string) => new RegExp(`^\\s*${[...label].join('\\s*')}\\s*$`);

/** A screenshot of the drawer's scrolled body at `section` (the drawer scrolls, the page does not). */
async function drawerShot(page: Page, section: string, name: string): Promise<void> {
  await page
    .locator('.ant-drawer section[aria-label]')
    .filter({ hasText: section })
    .first()
    .scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
}

/**
 * Issue 4 console (POS-01…POS-06, POS-12): the 沙湾区 district admin creates a 铜心驿站 with opening
 * hours, the five basic services (always on) and the extra service 餐食加热, finds it in the
 * table and on the map view, sees a concurrent edit refused with a reload, opens the printable
 * poster (a real QR code of the check-in URL) and rotates its code; the keeper `swq.keeper` sets
 * the station 已满 on the capacity board.
 */
export const stationConsole: Journey = {
  name: 'station-console: create a 铜心驿站, table and map, poster QR, keeper sets 已满 on the board',
  viewport: { width: 1440, height: 900 },
  async run({ page, baseUrl, server }) {
    const name = `铜心驿站·嘉农路测试点${Date.now() % 100000}`;
    await consoleSignIn(page, baseUrl, 'swq.admin');
    await page.getByRole('link', { name: '阵地管理' }).click();
    await page.waitForURL(/\/admin\/stations$/);
    await page.getByRole('heading', { name: '服务阵地' }).waitFor();
    // The district admin also has the board and the catalogue.
    await page.getByRole('link', { name: '容量看板' }).waitFor();
    await page.getByRole('link', { name: '服务目录' }).waitFor();

    // --- create
    await page.getByRole('button', { name: /新建阵地/ }).click();
    const drawer = page
      .locator('.ant-drawer')
      .filter({ has: page.locator('.ant-drawer-body') })
      .last();
    await drawer.getByText('新建服务阵地').waitFor();
    await drawer.getByRole('textbox', { name: '阵地名称' }).fill(name);
    await pick(page, drawer.getByRole('combobox', { name: '阵地类型' }), '铜心驿站');
    // The kind shows beside the section title once chosen; it must survive the other fields.
    const kindChosen = async (step: string) => {
      const shown = await drawer.locator('section[aria-label="基本信息"] .ant-divider').textContent();
      if (!shown?.includes('铜心驿站')) {
        await page.screenshot({ path: path.join(RESULTS, `failed-station-console-kind-${step}.png`) });
        throw new Error(`kind lost after ${step}: ${shown}`);
      }
    };
    await kindChosen('kind');
    await pick(page, drawer.getByRole('combobox', { name: '依托场所' }), '商超');
    // The region defaults to the admin's district (沙湾区).
    await drawer.getByText('沙湾区', { exact: true }).first().waitFor();
    const region = drawer.getByRole('combobox', { name: '所在镇（街道）' });
    await region.click();
    await region.fill('沙湾镇');
    // The tree re-renders as the search settles and can swallow a click: retry until it closes.
    for (let attempt = 0; ; attempt++) {
      await page
        .locator('.ant-select-tree-title:visible')
        .filter({ hasText: /^沙湾镇$/ })
        .first()
        .click();
      const closed = await page
        .locator('.ant-select-tree-title:visible')
        .first()
        .waitFor({ state: 'hidden', timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (closed) break;
      if (attempt >= 3) throw new Error('the township tree did not take the choice');
    }
    await kindChosen('region');
    const operator = drawer.getByRole('combobox', { name: '运营单位' });
    await operator.click();
    await operator.fill('铜心驿站运营');
    await page
      .locator('.ant-select-item-option:visible')
      .filter({ hasText: '沙湾区铜心驿站运营中心' })
      .first()
      .click();
    await drawer.getByRole('textbox', { name: '对外服务电话' }).fill('0833-5123456');
    await drawer.getByRole('textbox', { name: '详细地址' }).fill('乐山市沙湾区沙湾镇嘉农路18号');
    await drawer.getByRole('spinbutton', { name: '纬度' }).fill('29.4142');
    await drawer.getByRole('spinbutton', { name: '经度' }).fill('103.5521');
    await drawer.getByText('WGS-84（GPS、天地图）').first().waitFor();
    await kindChosen('location');

    // Hours: every day 08:00–20:00 (the default row), closed on public holidays; the preview says so.
    await drawer
      .locator('.ant-radio-button-wrapper')
      .filter({ hasText: /^休息$/ })
      .click();
    if (!(await drawer.getByRole('radio', { name: '休息' }).isChecked()))
      throw new Error('holiday rule not set');
    await kindChosen('hours');
    const preview = drawer.getByTestId('hours-preview');
    await preview.getByText('每天 08:00–20:00；法定节假日休息').waitFor();
    const previewText = (await preview.textContent()) ?? '';
    if (!/现在营业中|已打烊/.test(previewText)) throw new Error(`no open-now preview: ${previewText}`);

    // Services: the five basic ones are on and locked for a 铜心驿站; add 餐食加热 11:00–14:00.
    const basics = drawer.getByTestId('basic-services');
    for (const basic of ['临时休息', '免费饮水', '手机充电', '共享WiFi', '图书阅读']) {
      await basics.getByText(basic).waitFor();
      if (await drawer.getByRole('checkbox', { name: basic }).count())
        throw new Error(`${basic} can be unticked`);
    }
    await pick(page, drawer.getByRole('combobox', { name: '特色服务（N）' }), '餐食加热');
    await page.keyboard.press('Escape');
    const meal = drawer.getByTestId('service-meal_heating');
    await meal.getByRole('checkbox', { name: '单独时间' }).check();
    await meal.getByRole('textbox', { name: '餐食加热 说明' }).fill('微波炉 2 台，自备餐盒');
    await drawer.getByRole('spinbutton', { name: '座位 总数' }).fill('12');
    const keepers = drawer.getByRole('combobox', { name: /站长/ });
    await keepers.click();
    // The picker searches the server (debounced): pick from the answer to this search, not from
    // the list it replaces, and see the keeper chosen before going on.
    const searched = page.waitForResponse(
      (r) => r.url().includes('/keeper-candidates?q=') && r.request().method() === 'GET',
    );
    await keepers.fill('站长');
    await searched;
    await page
      .locator('.ant-select-item-option:visible')
      .filter({ hasText: '沙湾区驿站站长' })
      .first()
      .click();
    await drawer.locator('.ant-select-selection-item').filter({ hasText: '沙湾区驿站站长' }).waitFor();
    await page.keyboard.press('Escape');
    await drawerShot(page, '基本信息', 'console-station-01-create-basics');
    await drawerShot(page, '开放时间', 'console-station-02-create-hours-services');
    await drawerShot(page, '容量', 'console-station-03-create-capacity-keepers');
    await drawer.getByRole('button', { name: btn('创建阵地') }).click();
    const created = page.getByText(/已创建阵地 ST-511111-\d{4}/);
    const failed = page.locator('.ant-message-error, .ant-form-item-explain-error');
    await created.or(failed).first().waitFor();
    if (!(await created.isVisible()))
      throw new Error(`create refused: ${(await failed.allTextContents()).join(' | ')}`);
    await page.getByText('新建服务阵地').waitFor({ state: 'hidden' });

    // --- in the table
    await page.getByPlaceholder('名称、编号或地址').fill(name);
    await page.getByPlaceholder('名称、编号或地址').press('Enter');
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('铜心驿站');
    expect(rowText).toContain('沙湾区铜心驿站运营中心');
    expect(rowText).toContain('6 项');
    expect(rowText).toContain('沙湾镇');
    expect(rowText).toContain('座位 12/12');
    await page.getByPlaceholder('名称、编号或地址').fill('');
    await page.getByPlaceholder('名称、编号或地址').press('Enter');
    await page.waitForURL((u) => !u.search.includes('q='));
    await page.getByText(/^共 ([2-9]|\d{2,}) 个阵地$/).waitFor();
    await page.getByRole('row').filter({ hasText: name }).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'console-station-04-table');

    // --- on the map view (tiles cannot load here: the notice and the list carry it)
    await page.getByText('地图', { exact: true }).click();
    await page.waitForURL(/view=map/);
    const map = page.getByRole('region', { name: '服务阵地分布地图' });
    await map.waitFor();
    await map.locator('.nx-map-marker').first().waitFor();
    await page.locator('.ant-list').getByText(name).waitFor();
    await page.getByText('地图底图无法加载，请使用右侧列表').first().waitFor({ timeout: 20_000 });
    // Let the map fit the stations once the whole set has arrived.
    await page.waitForTimeout(1000);
    await shot(page, 'console-station-05-map-view');

    // --- the station page
    await page.locator('.ant-list').getByRole('link', { name }).click();
    await page.waitForURL(/\/admin\/stations\/[0-9a-f-]{36}$/);
    const stationUrl = page.url();
    const id = stationUrl.split('/').pop() ?? '';
    await page.getByRole('heading', { name }).waitFor();
    await page.getByText('餐食加热').first().waitFor();
    await page.getByText('服务时间：每天 11:00–14:00').waitFor();
    await page.getByText('沙湾区驿站站长').first().waitFor();
    await shot(page, 'console-station-06-detail');

    // Photos (POS-01): the admin adds one; the card shows it and counts it.
    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#d4380d' },
    })
      .jpeg()
      .toBuffer();
    const photos = page.locator('.ant-card').filter({ hasText: '阵地照片' }).last();
    await photos
      .locator('input[type=file]')
      .setInputFiles({ name: 'front.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByText('照片已添加').waitFor();
    await photos.getByText('1 / 9 张').waitFor();
    await photos.locator('.ant-upload-list-item-done img').first().waitFor();
    await photos.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS, 'console-station-06b-photo.png') });
    await page.getByRole('tab', { name: '到访统计' }).click();
    await page
      .getByRole('img', { name: '到访人次与惠及人数趋势图' })
      .or(page.getByText('统计期间内还没有扫码签到'))
      .first()
      .waitFor();
    await page.getByText('惠及人数（去重）').waitFor();
    await shot(page, 'console-station-07-visits');
    await page.getByRole('tab', { name: '概况' }).click();

    // --- someone else saves while the edit drawer is open: 409 station.conflict, told and reloaded
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await drawer.getByText(`编辑阵地 · ${name}`).waitFor();
    const other = await page.evaluate(async (stationId) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const d = (await (await fetch(`/api/v1/stations/${stationId}`)).json()) as { version: number };
      const r = await fetch(`/api/v1/stations/${stationId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ version: d.version, phone: '0833-5999999' }),
      });
      return r.status;
    }, id);
    if (other !== 200) throw new Error(`concurrent edit answered ${other}`);
    await drawer.getByRole('textbox', { name: '详细地址' }).fill('乐山市沙湾区沙湾镇嘉农路20号');
    await drawer.getByRole('button', { name: /保\s*存$/ }).click();
    await drawer.getByText('阵地已被他人修改').waitFor();
    // Reloaded: the other person's phone number is in the form now.
    const phoneBox = drawer.getByRole('textbox', { name: '对外服务电话' });
    for (let i = 0; i < 50 && (await phoneBox.inputValue()) !== '0833-5999999'; i++)
      await page.waitForTimeout(200);
    if ((await phoneBox.inputValue()) !== '0833-5999999') throw new Error('the form was not reloaded');
    await drawerShot(page, '基本信息', 'console-station-08-conflict');
    const drawers = await page.locator('.ant-drawer').count();
    const saveButtons = page.getByRole('button', { name: /保\s*存$/ });
    if ((await saveButtons.count()) !== 1)
      throw new Error(`${await saveButtons.count()} save buttons, ${drawers} drawers`);
    await saveButtons.click();
    await page.getByText('已保存').first().waitFor();
    await page.getByText(`编辑阵地 · ${name}`).waitFor({ state: 'hidden' });

    // --- the poster: a real QR code of the check-in URL, then a new code after a warning
    await page.getByRole('link', { name: /打印海报/ }).click();
    await page.waitForURL(/\/poster$/);
    const poster = page.getByTestId('station-poster');
    await poster.waitFor();
    await poster.getByText('铜心驿站', { exact: true }).waitFor();
    await poster.getByText('餐食加热').waitFor();
    await poster.getByText('每天 08:00–20:00', { exact: true }).waitFor();
    await poster.getByText('法定节假日休息', { exact: true }).waitFor();
    const qr = page.getByTestId('station-poster-qr').locator('svg[role="img"]');
    await qr.waitFor();
    const encoded = (await qr.getAttribute('data-qr-value')) ?? '';
    if (!new RegExp(`^${baseUrl}/m/checkin/ST-511111-\\d{4}\\?t=[A-Za-z0-9_-]{16}$`).test(encoded))
      throw new Error(`QR encodes ${encoded}`);
    const modules = (await qr.locator('path[fill="none"]').getAttribute('d')) ?? '';
    if (!/^M\d/.test(modules) || modules.length < 200) throw new Error('QR code has no module paths');
    await page
      .locator('.nx-no-print')
      .getByRole('button', { name: /打\s*印$/ })
      .waitFor();
    await shot(page, 'console-station-09-poster');
    await page.emulateMedia({ media: 'print' });
    if (await page.locator('.nx-no-print').isVisible()) throw new Error('console buttons would print');
    await shot(page, 'console-station-10-poster-print');
    await page.emulateMedia({ media: 'screen' });

    // --- a rider checks in with this code (through the API, as the phone would after scanning);
    // the visit figures count it
    const [, stationCode, token] = /\/m\/checkin\/(ST-[\d-]+)\?t=([\w-]+)$/.exec(encoded) ?? [];
    const browser = page.context().browser();
    if (!browser || !stationCode || !token) throw new Error('no browser or no code in the QR');
    const rider = await newPage(browser, { viewport: { width: 390, height: 844 }, mobile: true });
    try {
      const phone = `1390000${String(Date.now() % 10000).padStart(4, '0')}`;
      await rider.page.goto(`${baseUrl}/m/login`);
      const before = server.smsCount(phone);
      const asked = await rider.page.evaluate(async (p) => {
        const r = await fetch('/api/v1/auth/otp', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phone: p }),
        });
        return r.status;
      }, phone);
      if (asked !== 200) throw new Error(`OTP request answered ${asked}`);
      const code = await server.smsCode(phone, 10_000, before);
      const checkin = await rider.page.evaluate(
        async ({ p, otp, st, t }) => {
          const v = await fetch('/api/v1/auth/otp/verify', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ phone: p, code: otp }),
          });
          if (!v.ok) return `verify ${v.status}`;
          const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
          const r = await fetch('/api/v1/stations/checkins', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify({ code: st, t }),
          });
          return String(r.status);
        },
        { p: phone, otp: code, st: stationCode, t: token },
      );
      if (checkin !== '201') throw new Error(`check-in answered ${checkin}`);
      // The rider's station page shows the photo the admin added.
      await rider.page.goto(`${baseUrl}/m/stations/${id}`);
      const strip = rider.page.locator('section[aria-labelledby="st-photos"]');
      // The strip's images load lazily: bring it into view first.
      await strip.waitFor({ state: 'attached' });
      await strip.scrollIntoViewIfNeeded();
      await rider.page.waitForFunction(() => {
        const img = (
          globalThis as unknown as { document: { querySelector(s: string): { naturalWidth: number } | null } }
        ).document.querySelector('section[aria-labelledby="st-photos"] img');
        return (img?.naturalWidth ?? 0) > 0;
      });
      await rider.page.screenshot({ path: path.join(RESULTS, 'console-station-07a-rider-sees-photo.png') });
    } finally {
      await rider.context.close();
    }
    await page.goto(stationUrl);
    await page.getByRole('tab', { name: '到访统计' }).click();
    await page.getByRole('img', { name: '到访人次与惠及人数趋势图' }).waitFor();
    await page.waitForTimeout(600);
    await shot(page, 'console-station-07b-visits-after-checkin');
    await page.goBack();
    await poster.waitFor();

    await page.getByRole('button', { name: /重新生成二维码/ }).click();
    await page.getByText('已经打印张贴的海报将无法签到').waitFor();
    await page.waitForTimeout(600);
    await shot(page, 'console-station-11-rotate-confirm');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: btn('重新生成') })
      .click();
    await page.getByText('已生成新二维码，请重新打印海报').waitFor();
    await page
      .getByTestId('station-poster-qr')
      .locator(`svg[role="img"]:not([data-qr-value="${encoded}"])`)
      .waitFor();

    // --- the catalogue
    await page.goto(`${baseUrl}/admin/stations/catalogue`);
    await page.getByRole('heading', { name: '服务目录' }).waitFor();
    await page.getByRole('row').filter({ hasText: '餐食加热' }).waitFor();
    await shot(page, 'console-station-12-catalogue');

    // --- the keeper: the board and own stations only, 已满 in one tap
    const { page: keeper, context } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    try {
      await consoleSignIn(keeper, baseUrl, 'swq.keeper');
      await keeper.getByRole('link', { name: '容量看板' }).waitFor();
      if (await keeper.getByRole('link', { name: '服务目录' }).count())
        throw new Error('a keeper sees the catalogue menu');
      await keeper.getByRole('link', { name: '容量看板' }).click();
      await keeper.waitForURL(/\/admin\/stations\/board$/);
      const card = keeper.getByTestId('board-card').filter({ hasText: name });
      await card.waitFor();
      await card.getByText(/分钟前更新|刚刚更新/).waitFor();
      // Two taps: one seat taken, then the whole station full.
      await card.getByRole('button', { name: '减少一个座位' }).click();
      await card.getByTestId('board-available-seats').filter({ hasText: '11' }).waitFor();
      await card.getByRole('button', { name: '已满', exact: true }).click();
      await keeper.getByText(`已更新 ${name}`).waitFor();
      await card.locator('.ant-tag').filter({ hasText: '已满' }).waitFor();
      await card.getByRole('button', { name: '恢复', exact: true }).waitFor();
      await keeper.waitForTimeout(600);
      await shot(keeper, 'console-station-13-board-keeper');
      // The server has it: the station is full, one seat fewer.
      const state = await keeper.evaluate(async (stationId) => {
        const d = (await (await fetch(`/api/v1/stations/${stationId}`)).json()) as {
          liveStatus: string;
          capacity: { resource: string; available: number }[];
        };
        return { live: d.liveStatus, seats: d.capacity.find((c) => c.resource === 'seats')?.available };
      }, id);
      if (state.live !== 'full' || state.seats !== 11)
        throw new Error(`server state ${JSON.stringify(state)}`);
      // Own stations only in the list.
      await keeper.getByRole('link', { name: '阵地管理' }).click();
      await keeper.getByRole('row').filter({ hasText: name }).waitFor();
      if (await keeper.getByRole('button', { name: /新建阵地/ }).count())
        throw new Error('a keeper may create stations');
      await keeper.waitForTimeout(600);
      await shot(keeper, 'console-station-14-keeper-list');
    } catch (err) {
      await shot(keeper, 'failed-station-console-keeper').catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  },
};
