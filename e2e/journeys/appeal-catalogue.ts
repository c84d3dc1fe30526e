import type { Browser, Page } from 'playwright-core';
import { newPage } from '../harness.ts';
import { expect } from './expect.ts';
import { type Journey, shot } from './types.ts';

/** antd puts a space between two CJK characters in a button ("保 存"). */
const btn = (label: string) => new RegExp(`^\\s*${[...label].join('\\s*')}\\s*$`);

async function staffSignIn(browser: Browser, baseUrl: string, login: string): Promise<Page> {
  const { page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByRole('textbox', { name: '账号', exact: true }).fill(login);
  await page.getByRole('textbox', { name: '密码', exact: true }).fill('Nuanxin@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('link', { name: '诉求工作台' }).waitFor();
  return page;
}

/** Waits for antd's message toasts to go, so they do not cover a screenshot. */
async function toastsGone(page: Page): Promise<void> {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 6_000 })
    .catch(() => undefined);
}

/** Picks an option of an antd Select: typed into its search when it has one, then Enter. */
async function pickOption(
  page: Page,
  combobox: string,
  search: string | null,
  option: string,
): Promise<void> {
  const box = page.getByRole('combobox', { name: combobox, exact: true });
  await box.click();
  if (search) await box.fill(search);
  // The search leaves the wanted option first and active: Enter picks it.
  await page.locator('.ant-select-item-option-active:visible').filter({ hasText: option }).first().waitFor();
  await box.press('Enter');
  await page
    .locator('.ant-select-dropdown:visible')
    .waitFor({ state: 'hidden' })
    .catch(() => undefined);
}

async function pickTreeNode(page: Page, combobox: string, name: string): Promise<void> {
  const box = page.getByRole('combobox', { name: combobox, exact: true });
  await box.click();
  await box.fill(name);
  await page
    .locator('.ant-select-tree-node-content-wrapper:visible')
    .filter({ hasText: name })
    .first()
    .click();
}

/**
 * Issue 3, 诉求分类 and 派单目录: the 市中区 district admin adds a problem below 改善工作环境, sees it
 * under 未配置, gives it a default lead unit for 市中区; the dispatcher then finds the category on
 * the hotline intake page with the unit proposed, files the call and dispatches with the unit
 * pre-filled.
 */
export const appealCatalogue: Journey = {
  name: 'appeal catalogue: sub-category → dispatch rule → proposed at intake and dispatch',
  viewport: { width: 1440, height: 900 },
  async run({ page: first, baseUrl }) {
    const browser = first.context().browser();
    if (!browser) throw new Error('no browser');
    const n = Date.now() % 100000;
    const name = `夜市临时停车${n}`;
    const code = `env.night_market_${n}`;
    const unit = '乐山市市中区综合行政执法局（城管）';

    // --- the district admin: a new problem in the tree
    const admin = await staffSignIn(browser, baseUrl, 'szq.admin');
    try {
      await admin.getByRole('link', { name: '诉求分类' }).click();
      const areaRow = admin.getByRole('row').filter({ hasText: '改善工作环境' }).first();
      await areaRow.waitFor();
      await areaRow.getByRole('button', { name: btn('添加下级') }).click();
      const modal = admin.locator('.ant-modal-container');
      await modal.waitFor();
      // The parent is preset to the row's area.
      await modal.locator('.ant-select').filter({ hasText: '改善工作环境' }).first().waitFor();
      await admin.getByRole('textbox', { name: '编码', exact: true }).fill(code);
      await admin.getByRole('textbox', { name: '名称', exact: true }).fill(name);
      await modal.getByRole('button', { name: btn('保存') }).click();
      await modal.waitFor({ state: 'hidden' });
      const newRow = admin.getByRole('row').filter({ hasText: name });
      await newRow.waitFor();
      expect((await newRow.textContent()) ?? '').toContain(code);
      await toastsGone(admin);
      await shot(admin, 'catalogue-1-categories');

      // --- 派单目录: the new problem is a gap in 市中区 until it has a rule
      await admin.getByRole('link', { name: '派单目录' }).click();
      await admin.getByRole('tab', { name: /派单规则/ }).waitFor();
      await admin.getByRole('tab', { name: /未配置/ }).click();
      const gapRow = admin.getByRole('row').filter({ hasText: name });
      await gapRow.waitFor();
      await admin.getByText(/在市中区没有派单规则/).waitFor();
      await shot(admin, 'catalogue-2-gaps');
      await gapRow.getByRole('button', { name: btn('配置') }).click();
      const drawer = admin.locator('.ant-drawer-section');
      await drawer.waitFor();
      expect((await drawer.textContent()) ?? '').toContain(name);
      await pickOption(admin, '默认承办单位', '综合行政执法', unit);
      await shot(admin, 'catalogue-3-rule-drawer');
      await admin
        .locator('.ant-drawer-footer')
        .getByRole('button', { name: btn('保存') })
        .click();
      await drawer.waitFor({ state: 'hidden' });
      await gapRow.waitFor({ state: 'detached' });
      await admin.getByRole('tab', { name: /派单规则/ }).click();
      const ruleRow = admin.getByRole('row').filter({ hasText: name });
      await ruleRow.waitFor();
      expect((await ruleRow.textContent()) ?? '').toContain(unit);
      await toastsGone(admin);
      await shot(admin, 'catalogue-4-rules');
    } catch (err) {
      await shot(admin, 'failed-catalogue-admin').catch(() => undefined);
      throw err;
    } finally {
      await admin.context().close();
    }

    // --- the dispatcher: hotline intake offers the category and proposes the unit
    const dispatcher = await staffSignIn(browser, baseUrl, 'szq.dispatch');
    try {
      await dispatcher.goto(`${baseUrl}/admin/appeals/new`);
      await dispatcher.getByRole('textbox', { name: '来电号码', exact: true }).fill('13912345678');
      await pickTreeNode(dispatcher, '分类', name);
      await pickOption(dispatcher, '区县', null, '市中区');
      const proposal = dispatcher.getByTestId('dispatch-proposal');
      await proposal.filter({ hasText: unit }).waitFor();
      expect((await proposal.textContent()) ?? '').toContain('派单目录建议承办单位');
      await dispatcher
        .getByRole('textbox', { name: '问题描述', exact: true })
        .fill('来电反映：夜市周边没有骑手临时停车点，取餐时车辆被贴条');
      await shot(dispatcher, 'catalogue-5-hotline-proposal');
      await dispatcher.getByRole('button', { name: btn('登记诉求') }).click();
      await dispatcher.getByRole('toolbar', { name: '可执行操作' }).waitFor();
      await dispatcher
        .getByRole('toolbar', { name: '可执行操作' })
        .getByRole('button', { name: btn('派单') })
        .click();
      const modal = dispatcher.locator('.ant-modal-container');
      await modal.waitFor();
      await modal.locator('.ant-select').filter({ hasText: unit }).first().waitFor();
      expect((await modal.textContent()) ?? '').toContain('派单目录建议承办单位');
      await toastsGone(dispatcher);
      await shot(dispatcher, 'catalogue-6-dispatch-prefilled');
      await modal
        .locator('.ant-modal-footer')
        .getByRole('button', { name: btn('派单') })
        .click();
      await modal.waitFor({ state: 'hidden' });
      await dispatcher
        .locator('.ant-card-head .ant-tag')
        .filter({ hasText: /^待签收$/ })
        .first()
        .waitFor();
      expect((await dispatcher.locator('body').textContent()) ?? '').toContain(unit);
    } catch (err) {
      await shot(dispatcher, 'failed-catalogue-dispatcher').catch(() => undefined);
      throw err;
    } finally {
      await dispatcher.context().close();
    }
  },
};
