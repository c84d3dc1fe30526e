import type { Page } from 'playwright-core';
import { consoleSignIn } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** The yuan figure of an antd Statistic card titled `title`. */
async function statistic(page: Page, title: string): Promise<number> {
  const card = page.locator('.ant-statistic').filter({ hasText: title }).first();
  const text = (await card.locator('.ant-statistic-content-value').textContent()) ?? '';
  return Number(text.replace(/[,\s]/g, ''));
}

/**
 * HUB-07 operating model: the 沙湾区 district admin opens the G348 暖心之家's 收款与账目, confirms a
 * guest's pending lodging or meal charge as paid in cash at the counter, then on the month's
 * operating account records a 财政补贴 line and sees the balance rise by exactly that amount.
 */
export const stationAccounts: Journey = {
  name: 'station-accounts: confirm a counter payment, record a subsidy, balance follows (HUB-07)',
  viewport: { width: 1440, height: 900 },
  async run({ page, baseUrl }) {
    await consoleSignIn(page, baseUrl, 'swq.admin');
    await page.goto(`${baseUrl}/admin/stations?q=${encodeURIComponent('G348')}`);
    await page.getByRole('link', { name: /G348/ }).first().click();
    await page.waitForURL(/\/admin\/stations\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: /收款与账目/ }).click();
    await page.waitForURL(/\/accounts$/);
    await page.getByRole('heading', { name: /收款与账目/ }).waitFor();

    // Pending charges of the demo bookings and orders: confirm the first one as cash.
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const before = await rows.count();
    if (before === 0) throw new Error('the demo has no pending charges at the hub');
    const first = rows.first();
    const what = (await first.locator('td').nth(1).textContent()) ?? '';
    await shot(page, 'station-accounts-1-pending');
    await first.getByRole('button', { name: /收到现金/ }).click();
    await page.getByText('已确认收款').first().waitFor();
    await page
      .locator('.ant-table-tbody tr.ant-table-row')
      .filter({ hasText: what })
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    // It shows under 已付款 with the method.
    await page.locator('.ant-segmented-item').filter({ hasText: '已付款' }).click();
    await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '现金' }).first().waitFor();
    await shot(page, 'station-accounts-2-paid');

    // The month's operating account: add a subsidy of 1,234.50 yuan.
    await page.getByRole('tab', { name: '运营账目' }).click();
    await page.locator('.ant-statistic').filter({ hasText: '结余' }).first().waitFor();
    const balance = await statistic(page, '结余');
    const paid = await statistic(page, '有偿服务');
    if (!(paid > 0)) throw new Error(`paid services this month show ${paid}, not the confirmed charge`);
    await page.getByRole('button', { name: /记一笔/ }).click();
    await page.getByRole('spinbutton', { name: '金额（元）' }).fill('1234.5');
    await page.getByRole('textbox', { name: '备注' }).fill('测试：临时运营补贴');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('测试：临时运营补贴').waitFor();
    // The balance follows at once (the account refetches after the line is saved).
    for (let i = 0; ; i++) {
      const now = await statistic(page, '结余');
      if (Math.abs(now - (balance + 1234.5)) < 0.001) break;
      if (i > 50) throw new Error(`balance ${now}, expected ${balance + 1234.5}`);
      await page.waitForTimeout(100);
    }
    await shot(page, 'station-accounts-3-subsidy');
  },
};
