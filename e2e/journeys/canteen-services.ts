import { newPage } from '../harness.ts';
import { riderSignIn, staffApi } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** The demo 沙湾区人民食堂: offers 政务代办 and 节假日托幼, kept by swq.keeper. */
const CANTEEN = '沙湾区人民食堂';
const WORKER = '13900000042';

/**
 * CAN-03, CAN-04: worker 13900000042 on a phone opens the 人民食堂's station page, files a 政务代办
 * request (居住证) and registers a child for the next holiday childcare session; the keeper
 * swq.keeper opens 政务代办与托幼 in the console, takes the request, marks it done (history shown)
 * and sees the child in the session's registrations; the worker then sees the request done.
 */
export const canteenServices: Journey = {
  name: 'canteen services: 政务代办 request + 托幼 registration; keeper takes it → done, sees the child',
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
    const sessions = await keeperApi<{ items: { id: string; date: string; free: number; starts: string }[] }>(
      `/stations/${canteen.id}/childcare-sessions`,
    );
    const session = sessions.items.find((s) => s.free > 0);
    if (!session) throw new Error('no childcare session with free places in the demo data');
    const description = `办理乐山市居住证（旅程 ${Date.now().toString(36)}）`;

    // --- the worker: station page → 政务代办
    await page.goto(`${baseUrl}/m/stations/${canteen.id}`);
    const phoneBox = page.getByRole('textbox', { name: '手机号', exact: true });
    await phoneBox.or(page.getByTestId('station-detail')).first().waitFor();
    if (await phoneBox.isVisible()) {
      await riderSignIn(page, server, WORKER);
      await page.waitForURL(new RegExp(`/m/stations/${canteen.id}`));
    }
    await page.getByTestId('station-detail').waitFor();
    await page.getByTestId('open-proxy').scrollIntoViewIfNeeded();
    await shot(page, 'canteen-services-m-01-station');
    await page.getByTestId('open-proxy').click();
    await page.waitForURL(new RegExp(`/m/stations/${canteen.id}/proxy`));
    await page.locator('.adm-selector-item', { hasText: '居住证' }).click();
    await page.getByRole('textbox', { name: '具体要办什么' }).fill(description);
    await page.getByRole('textbox', { name: '交给阵地的材料（选填）' }).fill('租房合同复印件\n一寸照片 2 张');
    await shot(page, 'canteen-services-m-02-proxy-form');
    await page.getByTestId('proxy-submit').click();
    await page.waitForURL(/\/m\/my-services\?tab=proxy/);
    const mine = page.getByTestId('my-proxy-request').filter({ hasText: description });
    await mine.getByText('已受理').first().waitFor();
    await shot(page, 'canteen-services-m-03-my-proxy');

    // --- the worker: station page → 托幼报名 → the session → register a child
    await page.goto(`${baseUrl}/m/stations/${canteen.id}`);
    await page.getByTestId('open-childcare').click();
    await page.waitForURL(new RegExp(`/m/stations/${canteen.id}/childcare`));
    await page.getByTestId('childcare-session').first().waitFor();
    await shot(page, 'canteen-services-m-04-sessions');
    await page.getByRole('button', { name: `报名 ${session.date}` }).click();
    const sheet = page.getByTestId('register-sheet');
    await sheet.waitFor();
    await page.waitForTimeout(500); // the sheet's slide-up
    await sheet.getByRole('textbox', { name: '孩子的名字' }).fill('小米');
    await sheet.getByRole('textbox', { name: '联系电话' }).fill(WORKER);
    await sheet.getByRole('textbox', { name: '过敏或健康情况（选填）' }).fill('对芒果过敏');
    await shot(page, 'canteen-services-m-05-register');
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/\/m\/my-services\?tab=childcare/);
    const reg = page.getByTestId('my-registration').filter({ hasText: '小米' });
    await reg.getByText('已报名').waitFor();
    await reg.getByText('139****0042', { exact: false }).waitFor();
    await shot(page, 'canteen-services-m-06-my-registration');

    // --- the keeper in the console
    const { page: staff, context } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    try {
      await staff.goto(`${baseUrl}/admin/login`);
      await staff.getByRole('textbox', { name: '账号', exact: true }).fill('swq.keeper');
      await staff.getByRole('textbox', { name: '密码', exact: true }).fill('Nuanxin@2026');
      await staff.getByRole('button', { name: /登\s*录/ }).click();
      await staff.getByRole('link', { name: '政务代办与托幼' }).click();
      await staff.getByRole('link', { name: `打开 ${CANTEEN}` }).click();
      await staff.waitForURL(new RegExp(`/admin/stations/${canteen.id}/canteen-services`));
      const row = staff.getByRole('row').filter({ hasText: description });
      await row.waitFor();
      await shot(staff, 'canteen-services-c-01-board');
      await row.getByRole('button', { name: '接单办理' }).click();
      await row.getByText('办理中').waitFor();
      await row.getByRole('button', { name: '已办好' }).click();
      await row.getByText('已办好，待领取').waitFor();
      await row.getByRole('button', { name: /展开行|Expand row/ }).click();
      const history = staff.getByTestId('proxy-history').filter({ hasText: '沙湾区驿站站长' });
      await history.waitFor();
      await shot(staff, 'canteen-services-c-02-done-history');
      await staff.getByRole('tab', { name: '节假日托幼' }).click();
      const sessionRow = staff.getByRole('row').filter({ hasText: session.date });
      await sessionRow.getByRole('button', { name: '报名名单' }).click();
      await staff.getByRole('dialog').getByText('小米').waitFor();
      await staff.getByRole('dialog').getByText('对芒果过敏').waitFor();
      await staff.getByRole('dialog').getByRole('columnheader', { name: '到场' }).waitFor();
      await staff.waitForTimeout(500); // the drawer's slide-in
      await shot(staff, 'canteen-services-c-03-registrations');
    } finally {
      await context.close();
    }

    // --- the worker sees the request done, with its history
    await page.goto(`${baseUrl}/m/my-services?tab=proxy`);
    const done = page.getByTestId('my-proxy-request').filter({ hasText: description });
    await done.getByText('已办好，待领取').first().waitFor();
    await done.scrollIntoViewIfNeeded();
    await shot(page, 'canteen-services-m-07-done');
  },
};
