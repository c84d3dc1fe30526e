import { expect } from './expect.ts';
import { type Journey, shot } from './types.ts';

/** Journey 2: a rider signs in on a 390×844 phone with an SMS code and sees the home tabs. */
export const workerSignIn: Journey = {
  name: 'worker app: sign in with SMS code on a phone',
  viewport: { width: 390, height: 844 },
  mobile: true,
  async run({ page, baseUrl, server }) {
    const phone = '13900000001';
    await page.goto(`${baseUrl}/m`);
    await page.getByRole('textbox', { name: '手机号', exact: true }).fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByRole('button', { name: /秒后重发/ }).waitFor();
    const code = await server.smsCode(phone);
    await page.getByRole('textbox', { name: '验证码', exact: true }).fill(code);
    await shot(page, 'worker-01-login');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    for (const tab of ['首页', '地图', '办事', '我的'])
      await page.getByText(tab, { exact: true }).first().waitFor();
    await page.getByText('附近驿站').waitFor();
    // Let the "code sent" toast from the sign-in page fade before the home screenshot.
    await page
      .locator('.adm-toast-mask')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await shot(page, 'worker-02-home');
    await page.getByText('我的', { exact: true }).first().click();
    await page.getByText('139****0001').waitFor();
    expect(await page.content()).not.toContain(phone);
    await shot(page, 'worker-03-me');
  },
};
