import { expect } from './expect.ts';
import { type Journey, shot } from './types.ts';

/**
 * Journey 1: the 市中区 district administrator signs in to the console and creates a
 * community_staff user scoped to a 市中区 community; the new user shows in the list, phone masked.
 */
export const consoleCreateUser: Journey = {
  name: 'console: district admin creates a community staff user',
  viewport: { width: 1440, height: 900 },
  async run({ page, baseUrl }) {
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole('textbox', { name: '账号', exact: true }).fill('szq.admin');
    await page.getByRole('textbox', { name: '密码', exact: true }).fill('Nuanxin@2026');
    await shot(page, 'console-01-login');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page
      .getByText('szq.admin')
      .or(page.getByRole('heading', { name: /您好/ }))
      .first()
      .waitFor();
    await shot(page, 'console-02-home');

    await page.getByRole('link', { name: '用户管理' }).click();
    await page.getByRole('button', { name: /新建工作人员/ }).click();
    const suffix = String(Date.now()).slice(-4);
    const phone = `1370000${suffix}`;
    const name = `测试社工${suffix}`;
    await page.getByRole('textbox', { name: '姓名', exact: true }).fill(name);
    await page.getByRole('textbox', { name: '手机号', exact: true }).fill(phone);
    await page.getByRole('textbox', { name: '用户名', exact: true }).fill(`e2e.staff${suffix}`);
    await page.getByRole('textbox', { name: '初始密码', exact: true }).fill('Warm-Heart-2026!');
    // role: community_staff is the default of the first grant; pick the community organisation
    await page.getByRole('combobox', { name: '组织 1', exact: true }).click();
    await page.getByRole('combobox', { name: '组织 1', exact: true }).fill('大佛街道示例社区');
    await page.locator('.ant-select-item-option').filter({ hasText: '大佛街道示例社区' }).first().click();
    await shot(page, 'console-03-create-drawer');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByText(`已创建用户 ${name}`).waitFor();
    // The drawer closes with an animation; wait until it is gone before the list screenshot.
    await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });

    await page.locator('input[aria-label="搜索用户"]').fill(name);
    await page.locator('input[aria-label="搜索用户"]').press('Enter');
    const row = page.locator('tr', { hasText: name });
    await row.waitFor();
    const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(masked);
    expect(text).not.toContain(phone);
    expect(text).toContain('社区工作人员');
    await shot(page, 'console-04-users-list');
  },
};
