import type { Locator, Page } from 'playwright-core';
import type { Server } from '../harness.ts';

/** Steps the journeys share: signing in (console, worker app, plain HTTP) and antd quirks. */

export const DEMO_PASSWORD = 'Nuanxin@2026';

/** Signs a demo staff member in to the console and waits for its navigation. */
export async function consoleSignIn(page: Page, baseUrl: string, login: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByRole('textbox', { name: '账号', exact: true }).fill(login);
  await page.getByRole('textbox', { name: '密码', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('navigation').waitFor();
}

/**
 * Signs a worker in on the app's sign-in page with the phone code the server "sent". Several
 * journeys sign the same demo worker in: a code asked for within the last minute is refused
 * (resend after 60 s), so this waits for the button to come back and asks once more.
 */
export async function riderSignIn(page: Page, server: Server, phone: string): Promise<void> {
  await page.getByRole('textbox', { name: '手机号', exact: true }).fill(phone);
  let code: string | null = null;
  for (let attempt = 0; code === null; attempt++) {
    const before = server.smsCount(phone);
    await page.getByRole('button', { name: '获取验证码' }).click({ timeout: 75_000 });
    code = await server.smsCode(phone, 10_000, before).catch((err: unknown) => {
      if (attempt >= 1) throw err;
      return null;
    });
  }
  await page.getByRole('textbox', { name: '验证码', exact: true }).fill(code);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/**
 * A staff session over plain HTTP (cookie + CSRF token), for reading ids and doing the set-up a
 * console user would do: `api<T>(path)` GETs, `api<T>(path, {method, body})` changes.
 */
export async function staffApi(baseUrl: string, login: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`staff sign-in ${login}: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = (await (await fetch(`${baseUrl}/api/v1/me`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  return async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const method = init.method ?? 'GET';
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': me.csrfToken,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

/** Waits for antd-mobile toasts to close (they cover what a screenshot should show). */
export async function toastsGone(page: Page): Promise<void> {
  await page
    .locator('.adm-toast-mask')
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
}

/**
 * Chooses `option` in an antd Select. The dropdown's list scrolls to its active option as it
 * opens, which can swallow a click; the choice is checked in the field and retried.
 */
export async function pick(page: Page, combo: Locator, option: string | RegExp): Promise<void> {
  const field = combo.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  for (let attempt = 0; ; attempt++) {
    await combo.click();
    const item = page.locator('.ant-select-item-option:visible').filter({ hasText: option }).first();
    await item.waitFor();
    await page.waitForTimeout(200);
    await item.click();
    const shown = (await field.textContent()) ?? '';
    if (typeof option === 'string' ? shown.includes(option) : option.test(shown)) return;
    if (attempt >= 2) throw new Error(`could not choose ${option}: the field shows "${shown}"`);
    await page.keyboard.press('Escape');
  }
}
