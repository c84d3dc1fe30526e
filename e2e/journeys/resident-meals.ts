import type { Browser } from 'playwright-core';
import { expect } from './expect.ts';
import { consoleSignIn, riderSignIn } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** Near 沙湾区人民食堂 (WGS-84): where the rider's phone says it is. */
const RIDER_AT = { latitude: 29.4162, longitude: 103.5472 };
/** A worker of this journey's own, who opts in to meal-delivery volunteering here. */
const RIDER = '13900000055';
/** 张国华 of the demo register (沙湾镇示例社区). */
const RESIDENT = '13700000104';
/** One meal per window: a retried run orders dinner instead of lunch. */
const SLOTS = [
  { button: /午餐 11:30–12:30/, window: '11:30–12:30' },
  { button: /晚餐 17:30–18:30/, window: '17:30–18:30' },
] as const;
let runs = 0;

function phoneContext(browser: Browser, geolocation?: { latitude: number; longitude: number }) {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
  });
}

/**
 * CAN-05 "a resident's meal request is claimed and delivered", with the resident filing it: 张国华
 * (on the community's register, no account) opens /home-meals on a phone, signs in with an SMS
 * code, orders tomorrow's lunch and reads the receipt code; a worker opts in as a volunteer rider,
 * claims the offer and delivers it with the code; the resident confirms receipt on the page; the
 * community worker sees on the board that the resident ordered and confirmed, and opens the
 * residents' QR entry.
 */
export const residentMeals: Journey = {
  name: 'resident meals: resident orders → rider claims and delivers → resident confirms → board',
  viewport: { width: 1366, height: 900 },
  async run({ page, baseUrl, server }) {
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    const dishes = `两荤一素套餐，米饭软一点·e2e${Date.now() % 10_000}`;
    const slot = SLOTS[runs++ % SLOTS.length]!;

    // --- the resident orders tomorrow's lunch
    const residentCtx = await phoneContext(browser);
    const resident = await residentCtx.newPage();
    resident.setDefaultTimeout(15_000);
    let code = '';
    try {
      await resident.goto(`${baseUrl}/home-meals`);
      await resident.getByRole('heading', { name: '居家送餐 · 居民自助' }).waitFor();
      await resident.getByRole('textbox', { name: '手机号' }).fill(RESIDENT);
      // One code a minute per phone: a retried journey waits for the countdown, as a person would.
      let sms: string | null = null;
      for (let attempt = 0; sms === null; attempt++) {
        const before = server.smsCount(RESIDENT);
        await resident.getByRole('button', { name: '获取验证码' }).click({ timeout: 75_000 });
        sms = await server.smsCode(RESIDENT, 10_000, before).catch((err: unknown) => {
          if (attempt >= 1) throw err;
          return null;
        });
      }
      await resident.getByRole('textbox', { name: '验证码' }).fill(sms);
      await shot(resident, 'resident-meals-01-sign-in');
      await resident.getByRole('button', { name: '进入' }).click();
      await resident.getByText('张国华', { exact: true }).waitFor();
      await resident.getByRole('button', { name: '明天' }).click();
      await resident.getByRole('button', { name: slot.button }).click();
      await resident.getByRole('button', { name: '常用：两荤一素套餐' }).click();
      await resident.getByRole('textbox', { name: '想吃什么' }).fill(dishes);
      await shot(resident, 'resident-meals-02-order');
      await resident.getByRole('button', { name: '提交订餐' }).click();
      await resident.getByText('订好了').waitFor();
      code = ((await resident.getByTestId('filed-code').textContent()) ?? '').trim();
      if (!/^\d{4}$/.test(code)) throw new Error(`no receipt code after ordering: "${code}"`);
      await shot(resident, 'resident-meals-03-code');
      await resident.getByRole('button', { name: '我知道了' }).click();
      const card = resident.locator('.adm-card').filter({ hasText: dishes });
      await card.getByText('等待小哥接单').waitFor();
      expect((await card.getByTestId('receipt-code').textContent())?.trim() ?? '').toContain(code);
      await card.getByRole('button', { name: '取消这单' }).waitFor();
      await shot(resident, 'resident-meals-04-mine');

      // --- a volunteer rider near the canteen claims it and delivers it with the code
      const riderCtx = await phoneContext(browser, RIDER_AT);
      const rider = await riderCtx.newPage();
      rider.setDefaultTimeout(15_000);
      try {
        await rider.goto(`${baseUrl}/m/deliveries`);
        await riderSignIn(rider, server, RIDER);
        await rider.waitForURL(/\/m\/deliveries/);
        await rider.getByRole('switch', { name: '参加铜河小哥送餐志愿', disabled: false }).waitFor();
        if ((await rider.getByRole('switch').getAttribute('aria-checked')) !== 'true')
          await rider.getByRole('switch', { name: '参加铜河小哥送餐志愿' }).click();
        const offer = rider.locator('.adm-card').filter({ hasText: dishes });
        await offer.waitFor();
        expect((await offer.textContent()) ?? '').toContain(`明天 ${slot.window}`);
        expect((await offer.textContent()) ?? '').not.toContain(code);
        await offer.getByRole('button', { name: '接单' }).click();
        const mine = rider.locator('.adm-card').filter({ hasText: dishes });
        await rider.getByRole('tab', { name: '我的送餐', selected: true }).waitFor();
        await mine.getByRole('button', { name: '送达，输入收餐码' }).click();
        await rider.getByRole('textbox', { name: '收餐码' }).fill(code);
        await rider.getByRole('button', { name: '确认送达' }).click();
        await mine.getByText('已送达').waitFor();
        await shot(rider, 'resident-meals-05-rider-delivered');
      } finally {
        await riderCtx.close();
      }

      // --- the resident sees it delivered and confirms receipt
      await resident.reload();
      const done = resident.locator('.adm-card').filter({ hasText: dishes });
      await done.getByText('已送达').waitFor();
      expect((await done.textContent()) ?? '').toContain('送餐小哥：');
      await done.getByRole('button', { name: '我已收到' }).click();
      await resident.getByText('已确认收到，谢谢！').waitFor();
      await done.getByText('已收到').waitFor();
      await resident.waitForTimeout(2_500); // the toast fades
      await shot(resident, 'resident-meals-06-confirmed');
    } finally {
      await residentCtx.close();
    }

    // --- the community worker's board shows who ordered and who confirmed
    await consoleSignIn(page, baseUrl, 'swq.community');
    await page.getByRole('menuitem', { name: /送餐上门/ }).click();
    await page.getByRole('heading', { name: '送餐上门' }).waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: dishes });
    await row.getByText('居民自助下单').waitFor();
    await row.getByText('居民确认收到').waitFor();
    expect((await row.textContent()) ?? '').toContain('张国华');
    await shot(page, 'resident-meals-07-console-board');
    await page.getByRole('button', { name: /居民自助入口/ }).click();
    const modal = page.getByRole('dialog');
    const qr = modal.locator('svg[data-qr-value]');
    await qr.waitFor();
    expect((await qr.getAttribute('data-qr-value')) ?? '').toContain('/home-meals');
    await shot(page, 'resident-meals-08-console-entry');
  },
};
