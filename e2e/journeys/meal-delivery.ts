import { expect } from './expect.ts';
import { consoleSignIn, pick, riderSignIn } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** Near 沙湾区人民食堂 (WGS-84): where the rider's phone says it is. */
const RIDER_AT = { latitude: 29.4162, longitude: 103.5472 };
const RIDER = '13900000002';

const shanghaiDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * CAN-05 home meal delivery, end to end: the 沙湾镇 community worker files a request for a
 * registered resident in the console and reads the receipt code off the board (as they would
 * tell the resident); worker 13900000002 on a 390×844 phone near the canteen sees the offer
 * (street only), claims it, sees the door address, marks it delivered with the code (a wrong
 * code first); the community worker sees it delivered and confirms receipt.
 */
export const mealDelivery: Journey = {
  name: 'meal delivery: staff files → rider claims and delivers with the code → staff confirms',
  viewport: { width: 1366, height: 900 },
  async run({ page, baseUrl, server }) {
    const dishes = `两荤一素套餐·e2e${Date.now() % 10_000}`;
    const tomorrow = shanghaiDay(1);

    // --- the community worker files a request for 王秀英 tomorrow 11:00–11:30
    await consoleSignIn(page, baseUrl, 'swq.community');
    await page.getByRole('menuitem', { name: /送餐上门/ }).click();
    await page.getByRole('heading', { name: '送餐上门' }).waitFor();
    await page.getByRole('tab', { name: '服务对象' }).click();
    await page.getByRole('cell', { name: '王秀英' }).first().waitFor();
    const masked =
      (await page.locator('.ant-table-row').filter({ hasText: '王秀英' }).first().textContent()) ?? '';
    expect(masked).toContain('137****0101');
    await page.waitForTimeout(500); // the tab's slide settles
    await shot(page, 'meal-delivery-01-console-beneficiaries');
    await page.getByRole('tab', { name: '送餐单' }).click();
    await page.getByRole('button', { name: /登记送餐/ }).click();
    const drawer = page.getByRole('dialog');
    await pick(page, drawer.getByRole('combobox', { name: '服务对象' }), /王秀英/);
    await pick(page, drawer.getByRole('combobox', { name: '人民食堂' }), '沙湾区人民食堂');
    const date = drawer.getByRole('textbox', { name: '日期' });
    await date.click();
    await date.fill(tomorrow);
    await date.press('Enter');
    await pick(page, drawer.getByRole('combobox', { name: '开始时间' }), '11:00');
    await pick(page, drawer.getByRole('combobox', { name: '结束时间' }), '11:30');
    await drawer.getByRole('textbox', { name: '菜品' }).fill(dishes);
    await shot(page, 'meal-delivery-02-console-file');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText(/已登记送餐，收餐码 \d{4}/).waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: dishes });
    await row.waitFor();
    const code = ((await row.getByTestId('receipt-code').textContent()) ?? '').trim();
    if (!/^\d{4}$/.test(code)) throw new Error(`no receipt code on the board: "${code}"`);
    expect((await row.textContent()) ?? '').toContain('待接单');
    await shot(page, 'meal-delivery-03-console-board');

    // --- the rider, on a phone near the canteen
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      geolocation: RIDER_AT,
      permissions: ['geolocation'],
    });
    const phone = await context.newPage();
    phone.setDefaultTimeout(15_000);
    try {
      await phone.goto(`${baseUrl}/m/services`);
      await riderSignIn(phone, server, RIDER);
      await phone.getByText('铜河小哥送餐').first().click();
      await phone.waitForURL(/\/m\/deliveries/);
      // Read the switch once the volunteer status has loaded (while loading it is disabled and off).
      await phone.getByRole('switch', { name: '参加铜河小哥送餐志愿', disabled: false }).waitFor();
      if ((await phone.getByRole('switch').getAttribute('aria-checked')) !== 'true')
        await phone.getByRole('switch', { name: '参加铜河小哥送餐志愿' }).click();
      const offer = phone.locator('.adm-card').filter({ hasText: dishes });
      await offer.waitFor();
      const offerText = (await offer.textContent()) ?? '';
      expect(offerText).toContain('滨河路');
      expect(offerText).toContain('明天 11:00–11:30');
      expect(offerText).not.toContain('3 单元');
      expect(offerText).not.toContain(code);
      await shot(phone, 'meal-delivery-04-phone-offers');
      await offer.getByRole('button', { name: '接单' }).click();
      const mine = phone.locator('.adm-card').filter({ hasText: dishes });
      await phone.getByRole('tab', { name: '我的送餐', selected: true }).waitFor();
      await mine.getByText('3 单元').waitFor();
      await phone.waitForTimeout(2_500); // the 接单成功 toast fades
      await shot(phone, 'meal-delivery-05-phone-mine');

      await mine.getByRole('button', { name: '送达，输入收餐码' }).click();
      const input = phone.getByRole('textbox', { name: '收餐码' });
      await input.fill(code === '0000' ? '1111' : '0000');
      await phone.getByRole('button', { name: '确认送达' }).click();
      await phone.getByRole('alert').filter({ hasText: '收餐码不对' }).waitFor();
      await phone.getByText('还可以输入 4 次').waitFor();
      await shot(phone, 'meal-delivery-06-phone-wrong-code');
      await input.fill(code);
      await phone.getByRole('button', { name: '确认送达' }).click();
      await mine.getByText('已送达').waitFor();
      await phone.getByRole('textbox', { name: '收餐码' }).waitFor({ state: 'detached' });
      await phone.waitForTimeout(2_500); // the thank-you toast fades
      await shot(phone, 'meal-delivery-07-phone-delivered');
    } finally {
      await context.close();
    }

    // --- the community worker sees it delivered and confirms receipt
    await page.reload();
    const done = page.locator('.ant-table-row').filter({ hasText: dishes });
    await done.getByText('已送达').waitFor();
    expect((await done.textContent()) ?? '').toContain('李师傅');
    await done.getByRole('button', { name: /确认收到/ }).click();
    await page.getByText('已确认收到，志愿服务已记录').waitFor();
    await done.getByText('已确认').waitFor();
    await shot(page, 'meal-delivery-08-console-confirmed');
  },
};
