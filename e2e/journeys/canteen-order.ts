import { newPage } from '../harness.ts';
import { riderSignIn, staffApi } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** The demo 沙湾区人民食堂 (CAN-01: 200 seats), kept by swq.keeper. */
const CANTEEN = '沙湾区人民食堂';
const WORKER = '13900000041';

interface MenuInfo {
  id: string;
  date: string;
  period: string;
  orderable: boolean;
  items: { id: string; name: string; kind: string }[];
  slots: { start: string; free: number | null; past: boolean }[];
}

/**
 * CAN-01, CAN-02 (and HUB-02's menu model): worker 13900000041 on a phone opens the 人民食堂 from
 * its station page, orders the 两荤一素 lunch set to eat in at a 30-minute slot (today's lunch, or
 * tomorrow's once today's has closed), sees the order with the counter payment instructions and in
 * 我的订单. The keeper swq.keeper opens 食堂与餐食 in the console, finds the order on the orders board
 * (seat occupancy per slot), confirms the cash payment and marks it served; the menus and sales
 * tabs show the day's menus and the tally.
 */
export const canteenOrder: Journey = {
  name: 'canteen order: station → menu → eat-in lunch → order; keeper board → paid → served',
  viewport: { width: 390, height: 844 },
  mobile: true,
  async run({ page, baseUrl, server }) {
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser');
    const keeperApi = await staffApi(baseUrl, 'swq.keeper');
    const found = await keeperApi<{ items: { id: string; name: string }[] }>(
      `/stations?q=${encodeURIComponent(CANTEEN)}`,
    );
    const canteen = found.items.find((s) => s.name === CANTEEN);
    if (!canteen) throw new Error(`demo station ${CANTEEN} missing`);
    const meals = (await (await fetch(`${baseUrl}/api/v1/stations/${canteen.id}/meals`)).json()) as {
      today: string;
      menus: MenuInfo[];
    };
    const lunch = meals.menus.find(
      (m) => m.period === 'lunch' && m.orderable && m.slots.some((s) => !s.past),
    );
    if (!lunch) throw new Error('no orderable lunch today or tomorrow in the demo data');
    const isToday = lunch.date === meals.today;
    const slot =
      lunch.slots.find((s) => !s.past && s.start === '12:30') ??
      lunch.slots.find((s) => !s.past && (s.free ?? 1) > 0)!;

    // --- the worker opens the canteen's station page, signs in on the way
    await page.goto(`${baseUrl}/m/stations/${canteen.id}`);
    const phoneBox = page.getByRole('textbox', { name: '手机号', exact: true });
    await phoneBox.or(page.getByTestId('station-detail')).first().waitFor();
    if (await phoneBox.isVisible()) {
      await riderSignIn(page, server, WORKER);
      await page.waitForURL(new RegExp(`/m/stations/${canteen.id}`));
    }
    await page.getByTestId('station-detail').waitFor();
    await page.getByTestId('open-menu').click();
    await page.waitForURL(new RegExp(`/m/stations/${canteen.id}/menu`));
    if (!isToday) await page.getByRole('tab', { name: /明天/ }).click();
    await page.locator('.adm-capsule-tabs-tab', { hasText: '午餐' }).click();
    const set = page.getByTestId('meal-item').filter({ hasText: '两荤一素套餐' });
    await set.waitFor();
    await shot(page, 'canteen-m-01-menu');
    await set.locator('.adm-stepper-plus').click();
    await page.locator('.adm-selector-item', { hasText: new RegExp(`^${slot.start}`) }).click();
    await page.getByTestId('meal-submit').scrollIntoViewIfNeeded();
    await shot(page, 'canteen-m-02-chosen');
    await page.getByTestId('meal-submit').click();

    // --- the order with the counter payment instructions
    await page.waitForURL(/\/m\/orders\/[0-9a-f-]{36}$/);
    const orderId = page.url().split('/').pop()!;
    const order = page.getByTestId('meal-order');
    await order.getByText('已下单').waitFor();
    await order.getByText(`堂食 ${slot.start}，1 位`).waitFor();
    await page.getByTestId('payment-instructions').getByText('请到前台付款', { exact: false }).waitFor();
    await shot(page, 'canteen-m-03-order');
    await page.goto(`${baseUrl}/m/orders`);
    await page.getByTestId('my-meal-order').first().waitFor();
    await shot(page, 'canteen-m-04-my-orders');
    const number = (await keeperApi<{ number: number }>(`/meal-orders/${orderId}`)).number;

    // --- the keeper: 食堂与餐食 → the canteen → orders board → cash received → served
    const { page: staff, context } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    try {
      await staff.goto(`${baseUrl}/admin/login`);
      await staff.getByRole('textbox', { name: '账号', exact: true }).fill('swq.keeper');
      await staff.getByRole('textbox', { name: '密码', exact: true }).fill('Nuanxin@2026');
      await staff.getByRole('button', { name: /登\s*录/ }).click();
      await staff.getByRole('link', { name: '食堂与餐食' }).click();
      await staff.getByRole('link', { name: `进入 ${CANTEEN}` }).click();
      await staff.waitForURL(new RegExp(`/admin/stations/${canteen.id}/meals`));
      if (!isToday) {
        const picker = staff.getByRole('textbox', { name: '日期' }).first();
        await picker.click();
        await picker.fill(lunch.date);
        await picker.press('Enter');
      }
      await staff.getByRole('tab', { name: /午餐/ }).click();
      const row = staff
        .getByRole('row')
        .filter({ hasText: `${slot.start} · 1位` })
        .filter({
          has: staff.getByRole('cell', { name: String(number), exact: true }),
        });
      await row.waitFor();
      await staff.getByTestId('slot-occupancy').first().waitFor();
      await shot(staff, 'canteen-c-01-board');
      await row.getByRole('button', { name: '收到现金' }).click();
      await row.getByText('已付款').waitFor();
      await row
        .getByRole('button', { name: '出 餐' })
        .or(row.getByRole('button', { name: '出餐' }))
        .click();
      await row.getByText('已就餐').waitFor();
      await shot(staff, 'canteen-c-02-served');
      await staff.getByRole('tab', { name: '菜单' }).click();
      await staff.getByRole('textbox', { name: '名称' }).first().waitFor();
      await shot(staff, 'canteen-c-03-menus');
      await shot(staff, 'canteen-c-03-menus');
      await staff.getByRole('tab', { name: '销售统计' }).click();
      await staff.getByTestId('meal-sales').waitFor();
      await shot(staff, 'canteen-c-04-sales');
    } finally {
      await context.close();
    }

    // --- the worker sees the order served
    await page.goto(`${baseUrl}/m/orders/${orderId}`);
    await page.getByTestId('meal-order').getByText('已就餐').waitFor();
    await shot(page, 'canteen-m-05-served');
  },
};
