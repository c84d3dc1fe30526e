import type { Page } from 'playwright-core';
import { newPage } from '../harness.ts';
import { expect } from './expect.ts';
import { riderSignIn } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** antd puts a space between two CJK characters in a button ("反 馈"). */
const btn = (label: string) => new RegExp(`^\\s*${[...label].join('\\s*')}\\s*$`);

async function pick(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.locator('.ant-select-item-option:visible').filter({ hasText: option }).first().click();
}

async function rowAction(page: Page, tab: RegExp, text: string, action: string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  const row = page.getByRole('row').filter({ hasText: text });
  await row.getByRole('button', { name: btn(action) }).click();
  await page.locator('.ant-modal-container').waitFor();
}

async function confirm(page: Page): Promise<void> {
  await page
    .locator('.ant-modal-footer')
    .getByRole('button', { name: btn('确定') })
    .click();
  await page.locator('.ant-modal-container').waitFor({ state: 'hidden' });
}

/**
 * WSH-01: a rider drops a wish from a box's QR link; the community worker classifies it, names a
 * tracker and sends feedback; the rider sees the feedback in 我的心愿.
 */
export const wishBox: Journey = {
  name: 'wish box: QR link → classify → tracker → feedback',
  viewport: { width: 390, height: 844 },
  mobile: true,
  async run({ page: worker, baseUrl, server }) {
    const browser = worker.context().browser();
    if (!browser) throw new Error('no browser');
    // A phone of its own: no journey waits out another's 60 s resend interval.
    await worker.goto(`${baseUrl}/m`);
    await riderSignIn(worker, server, '13900000054');
    await worker.getByText('常用服务').waitFor();

    // The home quick entry leads to the real page now.
    await worker.getByRole('link', { name: '心愿箱' }).click();
    await worker.getByText('投到哪个心愿箱').waitFor();

    // What the QR code on the 大佛街道 box points at.
    const boxes = (await worker.evaluate(async () => {
      const r = await fetch('/api/v1/wish-boxes', { credentials: 'same-origin' });
      return r.json();
    })) as { id: string; name: string; link: string }[];
    const box = boxes.find((b) => b.name.startsWith('大佛街道'));
    if (!box) throw new Error('demo box missing');
    await worker.goto(`${baseUrl}${box.link}`);
    await worker.getByTestId('wish-box-name').filter({ hasText: '大佛街道' }).waitFor();
    const text = `希望驿站装一台饮水机 ${Date.now() % 100000}`;
    await worker.locator('textarea').fill(text);
    await shot(worker, 'wish-1-worker-form');
    await worker.getByRole('button', { name: '投入心愿箱' }).click();
    await worker.getByText('心愿已投递，我们会尽快反馈').waitFor();

    // --- the community worker handles it
    const { page: staff, context } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    try {
      await staff.goto(`${baseUrl}/admin/login`);
      await staff.getByRole('textbox', { name: '账号', exact: true }).fill('szq.community');
      await staff.getByRole('textbox', { name: '密码', exact: true }).fill('Nuanxin@2026');
      await staff.getByRole('button', { name: /登\s*录/ }).click();
      await staff.getByRole('link', { name: '心愿箱' }).click();
      await staff.getByText('日常收集、每周汇总、分类梳理、定员跟踪、定期反馈').waitFor();
      await rowAction(staff, /^日常收集/, text, '分类');
      await pick(staff, '分类', '开展日常关爱');
      await confirm(staff);
      await shot(staff, 'wish-2-board');
      await rowAction(staff, /^分类梳理/, text, '指定跟踪人');
      await pick(staff, '跟踪人', /社区工作者/);
      await confirm(staff);
      await rowAction(staff, /^定员跟踪/, text, '反馈');
      await staff.getByRole('textbox', { name: '反馈' }).fill('已联系驿站，下周一安装饮水机');
      await confirm(staff);
      await staff.getByRole('tab', { name: /^定期反馈/ }).click();
      await staff.getByRole('row').filter({ hasText: text }).waitFor();
      await staff.getByRole('tab', { name: '周汇总报告', exact: true }).click();
      await staff.getByRole('button', { name: '立即汇总上周' }).waitFor();
      await shot(staff, 'wish-3-batches');
      await staff.getByRole('tab', { name: '心愿箱点位', exact: true }).click();
      await staff.getByRole('cell', { name: '大佛街道骑手驿站心愿箱（示例）', exact: true }).waitFor();
      await staff.goto(`${baseUrl}/admin/wish-boxes/${box.id}/poster`);
      await staff.getByTestId('wish-poster').waitFor();
      // A real QR code of the box's wish link (drawn in the browser), no placeholder text.
      const qr = staff.getByTestId('wish-poster-qr').locator('svg[role="img"]');
      await qr.waitFor();
      const encoded = await qr.getAttribute('data-qr-value');
      if (encoded !== `${baseUrl}${box.link}`)
        throw new Error(`QR encodes ${encoded}, not ${baseUrl}${box.link}`);
      const modules = (await qr.locator('path[stroke="#000000"]').getAttribute('d')) ?? '';
      if (!/^M\d/.test(modules) || modules.length < 200) throw new Error('QR code has no module paths');
      expect((await staff.getByTestId('wish-poster').textContent()) ?? '').not.toContain('二维码待生成');
      await shot(staff, 'wish-4-poster');
    } catch (err) {
      await shot(staff, 'failed-wish-staff').catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }

    // --- the rider sees the feedback
    await worker.goto(`${baseUrl}/m/wish/mine`);
    await worker.getByTestId('wish-feedback').filter({ hasText: '下周一安装饮水机' }).waitFor();
    await shot(worker, 'wish-5-worker-feedback');
  },
};
