import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { newPage } from '../harness.ts';
import { riderSignIn } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** antd puts a space between two CJK characters in a button ("答 复"). */
const btn = (label: string) => new RegExp(`^\\s*${[...label].join('\\s*')}\\s*$`);

/** A phone screenshot of a platform's fine notice: an orange header, lines of text, a red amount. */
function fineScreenshot(): Promise<Buffer> {
  const lines = [260, 320, 380, 560, 620]
    .map((y, i) => `<rect x="60" y="${y}" width="${i % 2 ? 420 : 600}" height="26" rx="6" fill="#d5d8dc"/>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="1280">
    <rect width="720" height="1280" fill="#f8f9f9"/>
    <rect width="720" height="170" fill="#ffc300"/>
    <rect x="60" y="70" width="300" height="40" rx="8" fill="#7d6608"/>
    ${lines}
    <rect x="60" y="440" width="260" height="70" rx="10" fill="#e74c3c"/>
    <rect x="60" y="1100" width="600" height="100" rx="50" fill="#ffc300"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function staffSignIn(
  browser: Browser,
  baseUrl: string,
  login: string,
  landmark: string,
): Promise<Page> {
  const { page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByRole('textbox', { name: '账号', exact: true }).fill(login);
  await page.getByRole('textbox', { name: '密码', exact: true }).fill('Nuanxin@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('link', { name: landmark }).waitFor();
  return page;
}

async function toolbarClick(page: Page, label: string): Promise<void> {
  await page
    .getByRole('toolbar')
    .getByRole('button', { name: btn(label) })
    .click();
  await page.locator('.ant-modal-container').waitFor();
}

async function modalOk(page: Page, label: string): Promise<void> {
  await page
    .locator('.ant-modal-footer')
    .getByRole('button', { name: btn(label) })
    .click();
  await page.locator('.ant-modal-container').waitFor({ state: 'hidden' });
}

async function stateTag(page: Page, label: string): Promise<void> {
  await page.locator('.ant-card-head .ant-tag').filter({ hasText: label }).first().waitFor();
}

/**
 * GRN-01/02: a rider fined for a late delivery in the 15 July rainstorm files a green-channel
 * claim; the market regulator sees the alert in force, reviews it and sends 美团 a 暖心提示; 美团's
 * liaison answers "reduced"; the rider sees the outcome and who decided.
 */
export const greenChannel: Journey = {
  name: 'green channel: rider claim → regulator notice → platform reduces → rider sees outcome',
  viewport: { width: 390, height: 844 },
  mobile: true,
  async run({ page: rider, baseUrl, server }) {
    const browser = rider.context().browser();
    if (!browser) throw new Error('no browser');

    // --- rider signs in with an SMS code
    await rider.goto(`${baseUrl}/m`);
    await riderSignIn(rider, server, '13900000002');
    await rider.getByText('常用服务').waitFor();

    // --- 办事 → 申诉绿色通道 → 我要申诉
    await rider.getByText('办事', { exact: true }).first().click();
    await rider.locator('.adm-list-item', { hasText: '极端天气超时被罚款' }).click();
    await rider.waitForURL(/\/m\/green-channel$/);
    await rider.getByRole('button', { name: '我要申诉' }).click();
    // The rider's earlier claims (demo data) also name the platform: pick it in the form's selector.
    await rider.locator('.adm-selector-item', { hasText: '美团（乐山）' }).click();
    const orderNo = `MT26071500${Date.now() % 100000}`;
    await rider.getByRole('textbox', { name: '订单号' }).fill(orderNo);
    await rider.locator('input[type=datetime-local]').fill('2026-07-15T12:10');
    await rider.getByRole('spinbutton', { name: '超时（分钟）' }).fill('35');
    await rider.getByRole('spinbutton', { name: '罚款金额（元）' }).fill('20');
    await rider
      .getByRole('textbox', { name: '情况说明' })
      .fill('暴雨橙色预警期间嘉州大道积水，推车绕行导致超时，被平台罚款 20 元');
    await rider.getByRole('textbox', { name: '证据说明' }).fill('罚款截图与当日气象预警截图');
    // The fine notice, as a phone screenshot (PNG): uploaded as evidence at once.
    await rider.getByLabel('从相册选择照片').setInputFiles({
      name: 'Screenshot_20260715_1230.png',
      mimeType: 'image/png',
      buffer: await fineScreenshot(),
    });
    await rider.getByText('已上传').first().waitFor();
    await shot(rider, 'green-01-rider-form');
    await rider.getByRole('button', { name: '提交申诉' }).click();
    await rider.waitForURL(/\/m\/green-channel\/[0-9a-f-]{36}$/);
    const claimId = rider.url().split('/').pop() ?? '';
    await rider.getByText('待审核').first().waitFor();
    await rider.getByText(/市中区暴雨橙色预警生效中/).waitFor();
    await rider.getByRole('button', { name: '查看第 1 张照片（共 1 张）' }).waitFor();
    await shot(rider, 'green-02-rider-submitted');

    // --- the regulator reviews and sends a 暖心提示
    const officer = await staffSignIn(browser, baseUrl, 'szq.scjg', '绿色通道');
    await officer.getByRole('link', { name: '绿色通道' }).click();
    const row = officer.locator('tr', { hasText: '李师傅' }).first();
    await row.waitFor();
    await shot(officer, 'green-03-regulator-queue');
    await officer.goto(`${baseUrl}/admin/green-channel/${claimId}`);
    await stateTag(officer, '待审核');
    await officer
      .getByText(/市中区暴雨橙色预警生效中/)
      .first()
      .waitFor();
    // The rider's evidence photo, for the officer to judge.
    await officer.getByRole('img', { name: '照片 1', exact: true }).waitFor();
    await officer.waitForLoadState('networkidle');
    await shot(officer, 'green-03b-regulator-claim-photo');
    await toolbarClick(officer, '审核通过');
    await officer.getByRole('dialog').getByRole('textbox').fill('已核对当日气象预警与订单时间');
    await modalOk(officer, '审核通过');
    await stateTag(officer, '已审核');
    await toolbarClick(officer, '发出暖心提示');
    await officer
      .getByText(/请贵平台核实/)
      .first()
      .waitFor();
    await shot(officer, 'green-04-regulator-notice-modal');
    await modalOk(officer, '发出暖心提示');
    await stateTag(officer, '待平台答复');
    await shot(officer, 'green-05-regulator-notice-sent');
    await officer.getByRole('link', { name: '暖心提示登记' }).click();
    await officer.locator('tr', { hasText: '美团（乐山）' }).first().waitFor();
    await shot(officer, 'green-06-notices-register');

    // --- the platform's liaison answers "reduced"
    const platform = await staffSignIn(browser, baseUrl, 'platform', '平台待答复');
    await platform.getByRole('link', { name: '平台待答复' }).click();
    await platform.locator('tr', { hasText: '李师傅' }).first().waitFor();
    await shot(platform, 'green-07-platform-queue');
    await platform.goto(`${baseUrl}/admin/green-channel/${claimId}`);
    await stateTag(platform, '待平台答复');
    await toolbarClick(platform, '答复');
    await platform.getByRole('dialog').getByText('减免部分').click();
    await platform.getByRole('spinbutton', { name: '减免金额（元）' }).fill('15');
    await platform.getByRole('dialog').getByRole('textbox').fill('核实为暴雨天气，按规则减免 15 元');
    await shot(platform, 'green-08-platform-answer');
    await modalOk(platform, '答复');
    await stateTag(platform, '平台已答复');
    await platform.getByText(/由 美团（乐山） 平台联络员 决定/).waitFor();
    await platform.getByRole('link', { name: '平台答复统计' }).click();
    await platform.locator('tr', { hasText: '美团（乐山）' }).first().waitFor();
    await shot(platform, 'green-09-platform-metrics');

    // --- the rider sees the outcome
    await rider.reload();
    await rider.getByText('平台答复', { exact: true }).first().waitFor();
    await rider.getByText(/减免部分 ¥15\.00/).waitFor();
    await rider.getByText(/由 美团（乐山） 平台联络员 决定/).waitFor();
    await shot(rider, 'green-10-rider-outcome');
  },
};
