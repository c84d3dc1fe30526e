import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { newPage, RESULTS } from '../harness.ts';
import { expect } from './expect.ts';
import { consoleSignIn, riderSignIn } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/**
 * A phone-like photo of the spot (a no-parking sign by a market gate, drawn as SVG), with the GPS
 * position and camera model a phone writes into EXIF: the server must store it without them.
 */
async function spotPhoto(wall: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900">
    <rect width="1200" height="900" fill="#a9cce3"/>
    <rect x="60" y="230" width="520" height="330" fill="${wall}"/>
    <rect x="150" y="330" width="140" height="230" fill="#5d4037"/>
    <rect x="360" y="300" width="150" height="110" fill="#fdf2e9"/>
    <rect x="660" y="170" width="480" height="390" fill="#d5dbdb"/>
    <rect y="560" width="1200" height="340" fill="#707b7c"/>
    <rect x="0" y="720" width="1200" height="14" fill="#f4f6f6"/>
    <rect x="840" y="430" width="22" height="250" fill="#424949"/>
    <circle cx="851" cy="410" r="70" fill="#fdfefe" stroke="#c0392b" stroke-width="18"/>
    <line x1="801" y1="360" x2="901" y2="460" stroke="#c0392b" stroke-width="16"/>
    <circle cx="300" cy="760" r="46" fill="#1c2833"/>
    <circle cx="470" cy="760" r="46" fill="#1c2833"/>
    <rect x="300" y="660" width="170" height="70" rx="20" fill="#f39c12"/>
  </svg>`;
  return sharp(Buffer.from(svg))
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'Xiaomi', Model: 'Redmi Note 12' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '29/1 33/1 9/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '103/1 45/1 58/1',
      },
    })
    .toBuffer();
}

/** Waits until `count` images match and every one has loaded (the page's CSP forbids eval'd predicates). */
async function imagesLoaded(images: Locator, count: number): Promise<void> {
  await images.nth(count - 1).waitFor();
  for (let i = 0; i < 100; i++) {
    const loaded = await images.evaluateAll(
      (els: unknown[]) =>
        els
          .map((e) => e as { complete: boolean; naturalWidth: number })
          .filter((e) => e.complete && e.naturalWidth > 0).length,
    );
    if (loaded >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${count} loaded images`);
}

/** antd puts a space between two CJK characters in a button ("派 单"). */
const btn = (label: string) => new RegExp(`^\\s*${[...label].join('\\s*')}\\s*$`);

async function staffSignIn(browser: Browser, baseUrl: string, login: string): Promise<Page> {
  const { page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  await consoleSignIn(page, baseUrl, login);
  await page.getByRole('link', { name: '诉求工作台' }).waitFor();
  return page;
}

async function openCase(page: Page, baseUrl: string, id: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/appeals/${id}`);
  // A cold case page loads several chunks; on a busy 2-core machine that can pass 15 s.
  await page
    .getByRole('toolbar', { name: '可执行操作' })
    .or(page.getByText('当前没有您可执行的操作'))
    .first()
    .waitFor({ timeout: 45_000 });
}

async function expectState(page: Page, label: string): Promise<void> {
  await page
    .locator('.ant-card-head .ant-tag')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .first()
    .waitFor();
}

/** Clicks an action in the case page's action bar and waits for its modal. */
async function startAction(page: Page, label: string): Promise<void> {
  await page
    .getByRole('toolbar', { name: '可执行操作' })
    .getByRole('button', { name: btn(label) })
    .click();
  await page.locator('.ant-modal-container').waitFor();
}

async function confirmAction(page: Page, label: string): Promise<void> {
  await page
    .locator('.ant-modal-footer')
    .getByRole('button', { name: btn(label) })
    .click();
  await page.locator('.ant-modal-container').waitFor({ state: 'hidden' });
}

async function pickLeadUnit(page: Page, name: string): Promise<void> {
  const modal = page.locator('.ant-modal-container');
  const named = { name: '主办单位', exact: true };
  const box = modal.getByRole('combobox', named);
  const field = modal.locator('.ant-select').filter({ has: page.getByRole('combobox', named) });
  // A fresh page loads the units (and, for a first dispatch, the catalogue's proposal): pick
  // from the loaded list, not from the one the answer replaces, and see the unit chosen.
  await field.waitFor();
  await field.locator('.anticon-loading').waitFor({ state: 'detached' });
  await box.click();
  await box.fill(name);
  await page.locator('.ant-select-item-option:visible').filter({ hasText: name }).first().click();
  await field.locator('.ant-select-content').filter({ hasText: name }).waitFor();
}

async function mobileState(page: Page, label: string): Promise<void> {
  await page
    .locator('.adm-tag')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .first()
    .waitFor();
}

async function waitToastGone(page: Page): Promise<void> {
  await page
    .locator('.adm-toast-main')
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
}

/**
 * Journey 3 (APL-01, APL-03, APL-05, APL-06): a rider files an appeal while offline; it is queued
 * and sent when the network returns. The dispatcher dispatches it to 市场监管局, the handler returns
 * it, the dispatcher redispatches, the handler signs and resolves, the rider is not satisfied (重办),
 * the handler resolves again, the rider is satisfied and the dispatcher closes it (销号).
 */
export const appealLifecycle: Journey = {
  name: 'appeals: offline filing to 销号 through return, reopen and visit',
  viewport: { width: 390, height: 844 },
  mobile: true,
  async run({ page: worker, baseUrl, server }) {
    const browser = worker.context().browser();
    if (!browser) throw new Error('no browser');
    const wctx = worker.context();
    await wctx.grantPermissions(['geolocation'], { origin: baseUrl });
    await wctx.setGeolocation({ latitude: 29.5526, longitude: 103.7661, accuracy: 20 });

    // --- worker signs in with an SMS code
    // A phone of its own: no journey waits out another's 60 s resend interval.
    await worker.goto(`${baseUrl}/m`);
    await riderSignIn(worker, server, '13900000053');
    await worker.getByText('常用服务').waitFor();
    await waitToastGone(worker);
    // open 我的 once so its screen is loaded before the network goes away
    await worker.getByText('我的', { exact: true }).first().click();
    await worker.getByText('没有待发送的内容').waitFor();
    await worker.getByText('首页', { exact: true }).first().click();

    // --- 我要反映 from the home quick entry
    await worker.getByRole('link', { name: '我要反映' }).click();
    await worker.getByRole('button', { name: '分类' }).waitFor();
    await worker.getByText('请选择问题分类').waitFor();
    await worker.getByText('投诉', { exact: true }).click();
    await worker.getByRole('button', { name: '分类' }).click();
    await worker.locator('.adm-picker-header-button:visible').filter({ hasText: '确定' }).click();
    await worker.locator('.adm-picker:visible').waitFor({ state: 'detached' });
    const categoryText = (await worker.getByRole('button', { name: '分类' }).textContent()) ?? '';
    if (!categoryText.includes('/')) throw new Error(`category not picked: ${categoryText}`);
    const description = `张公桥农贸市场门口禁停，送餐只能停远处，被罚了两次 ${Date.now() % 10000}`;
    await worker.getByRole('textbox', { name: '问题描述' }).fill(description);
    await worker.getByRole('button', { name: '区县' }).click();
    await worker.locator('.adm-picker-header-button:visible').filter({ hasText: '确定' }).click();
    await worker.locator('.adm-picker:visible').waitFor({ state: 'detached' });
    expect((await worker.getByRole('button', { name: '区县' }).textContent()) ?? '').toContain('市中区');
    await worker.getByText('使用当前位置').click();
    await worker.getByText(/已定位：29\.55/).waitFor();
    // A photo of the spot while online: uploaded as soon as it is picked.
    await worker.getByLabel('从相册选择照片').setInputFiles({
      name: 'IMG_20260712_081502.jpg',
      mimeType: 'image/jpeg',
      buffer: await spotPhoto('#e59866'),
    });
    await worker.getByText('已上传').first().waitFor();
    await worker.getByRole('img', { name: '第 1 张照片' }).waitFor();
    await shot(worker, 'appeal-01-worker-form');
    // The picker as the phone shows it (the full-page shots put the fixed tab bar over it).
    await worker.getByRole('button', { name: '提交' }).scrollIntoViewIfNeeded();
    await worker.screenshot({ path: path.join(RESULTS, 'appeal-01a-worker-photo-picker.png') });

    // --- offline: a second photo waits for the network, and the appeal is queued with both
    await wctx.setOffline(true);
    await worker.getByText('当前没有网络', { exact: false }).first().waitFor();
    await worker.getByLabel('从相册选择照片').setInputFiles({
      name: '../IMG_20260712_081530.jpg',
      mimeType: 'image/jpeg',
      buffer: await spotPhoto('#7fb3d5'),
    });
    await worker.getByText('联网后上传').waitFor();
    await shot(worker, 'appeal-01b-worker-photo-offline');
    await worker.getByRole('button', { name: '保存，联网后发送' }).click();
    await worker.getByText('已保存，等待发送').waitFor();
    await worker.getByText('1 条待发送').first().waitFor();
    await shot(worker, 'appeal-02-worker-queued-offline');
    // Still offline: 我的诉求 lists it as waiting, with its two photos.
    await worker.getByRole('button', { name: '我的诉求' }).click();
    await worker.getByText('含 2 张照片', { exact: false }).waitFor();
    await shot(worker, 'appeal-02b-worker-queued-with-photos');
    await worker.getByText('我的', { exact: true }).first().click();
    await worker.getByText('1 条待发送').waitFor();
    await worker.getByText('当前离线').waitFor();
    await shot(worker, 'appeal-03-worker-me-queued');

    // --- online again: the queue flushes by itself
    await wctx.setOffline(false);
    await worker.getByText('没有待发送的内容').waitFor({ timeout: 20_000 });
    await worker.getByText('网络正常').waitFor();
    await worker.goto(`${baseUrl}/m/appeals`);
    const card = worker.locator('a', { hasText: description.slice(0, 20) }).first();
    await card.waitFor();
    await mobileState(worker, '已提交');
    await shot(worker, 'appeal-04-worker-sent-list');
    await card.click();
    await worker.waitForURL(/\/m\/appeals\/[0-9a-f-]{36}$/);
    const appealId = worker.url().split('/').pop() ?? '';
    const caseNo = (
      await worker
        .getByText(/SQ-\d+-\d{8}-\d{4}/)
        .first()
        .textContent()
    )?.match(/SQ-\d+-\d{8}-\d{4}/)?.[0];
    if (!caseNo) throw new Error('no case number on the worker case page');
    // Both photos came through the queue: the one uploaded online, the one taken offline.
    await worker.getByRole('button', { name: '查看第 2 张照片（共 2 张）' }).waitFor();
    // The thumbnails really load (served to their uploader with the session cookie).
    await imagesLoaded(worker.locator('img[alt^="照片 "]'), 2);
    await shot(worker, 'appeal-04b-worker-case-photos');
    await worker.getByRole('button', { name: '查看第 1 张照片（共 2 张）' }).click();
    await worker.locator('.adm-image-viewer-image-wrapper img').first().waitFor();
    await worker.waitForTimeout(400);
    await shot(worker, 'appeal-04c-worker-photo-large');

    // --- dispatcher finds it in the workbench and dispatches to 市场监管局
    const dispatcher = await staffSignIn(browser, baseUrl, 'szq.dispatch');
    await dispatcher.getByRole('link', { name: '诉求工作台' }).click();
    await dispatcher.getByRole('tab', { name: /待受理/ }).click();
    await dispatcher.locator('tr', { hasText: caseNo }).waitFor();
    await shot(dispatcher, 'appeal-05-dispatcher-workbench');
    await dispatcher.locator('tr', { hasText: caseNo }).click();
    await dispatcher.waitForURL(new RegExp(`/admin/appeals/${appealId}$`));
    await expectState(dispatcher, '待受理');
    // The photos on the console case page: thumbnails, and the large image in the preview.
    const photoCard = dispatcher.locator('.ant-card').filter({ hasText: '现场照片' });
    await photoCard.getByRole('img', { name: '照片 2' }).waitFor();
    await imagesLoaded(photoCard.locator('img[alt^="照片 "]'), 2);
    if ((await photoCard.locator('.ant-image').count()) !== 2)
      throw new Error('expected 2 photos on the case page');
    await shot(dispatcher, 'appeal-05b-dispatcher-case-photos');
    await photoCard.locator('.ant-image').first().click();
    await dispatcher.locator('.ant-image-preview-img').waitFor();
    await dispatcher.waitForTimeout(400);
    await shot(dispatcher, 'appeal-05c-dispatcher-photo-preview');
    await dispatcher.keyboard.press('Escape');
    await dispatcher.locator('.ant-image-preview-img').waitFor({ state: 'hidden' });
    // What the server keeps is a clean JPEG: no GPS position, no camera make or model.
    const detail = (await (await dispatcher.request.get(`${baseUrl}/api/v1/appeals/${appealId}`)).json()) as {
      photos: { url: string }[];
    };
    for (const p of detail.photos) {
      const res = await dispatcher.request.get(`${baseUrl}${p.url}`);
      expect(res.headers()['content-type'] ?? '').toContain('image/jpeg');
      expect(res.headers()['cache-control'] ?? '').toContain('private');
      const body = await res.body();
      const meta = await sharp(body).metadata();
      if (meta.exif || meta.xmp) throw new Error('the stored photo still has EXIF/XMP');
      expect(body.toString('latin1')).not.toContain('Redmi');
    }
    await startAction(dispatcher, '派单');
    await pickLeadUnit(dispatcher, '市中区市场监督管理局');
    await shot(dispatcher, 'appeal-06-dispatcher-dispatch-modal');
    await confirmAction(dispatcher, '派单');
    await expectState(dispatcher, '待签收');
    await shot(dispatcher, 'appeal-07-dispatched');

    // --- handler returns it with a reason
    const handler = await staffSignIn(browser, baseUrl, 'szq.scjg');
    await openCase(handler, baseUrl, appealId);
    await expectState(handler, '待签收');
    await startAction(handler, '退单');
    await handler
      .getByRole('textbox', { name: '退单理由' })
      .fill('禁停区域划定属交警和城管职责，建议改派综合行政执法局');
    await handler.getByText('非本单位职责').click();
    await confirmAction(handler, '退单');
    await expectState(handler, '退单待审');
    await shot(handler, 'appeal-08-handler-returned');

    // --- dispatcher redispatches (same unit: the fine was by market supervision)
    await openCase(dispatcher, baseUrl, appealId);
    await expectState(dispatcher, '退单待审');
    await startAction(dispatcher, '改派');
    await pickLeadUnit(dispatcher, '市中区市场监督管理局');
    await confirmAction(dispatcher, '改派');
    await expectState(dispatcher, '待签收');
    await shot(dispatcher, 'appeal-09-redispatched');

    // --- handler signs and resolves
    await openCase(handler, baseUrl, appealId);
    await startAction(handler, '签收');
    await confirmAction(handler, '签收');
    await expectState(handler, '办理中');
    await startAction(handler, '办结');
    await handler
      .getByRole('textbox', { name: '办理结果答复' })
      .fill('已与市场管理方协调，在市场东侧划定 10 个骑手临时停车位，罚单已申请复核。');
    await confirmAction(handler, '办结');
    await expectState(handler, '已办结');
    await shot(handler, 'appeal-10-handler-resolved');

    // --- worker: not satisfied → 重办
    await worker.goto(`${baseUrl}/m/appeals/${appealId}`);
    await worker.getByText('请评价办理结果').waitFor();
    await worker.getByText('已与市场管理方协调', { exact: false }).first().waitFor();
    await worker
      .locator('.adm-selector-item')
      .filter({ hasText: /^不满意$/ })
      .click();
    await worker.getByRole('textbox', { name: '评价内容' }).fill('车位还没划出来，罚单也没撤销');
    await shot(worker, 'appeal-11-worker-rate-unsatisfied');
    await worker.getByRole('button', { name: '提交评价' }).click();
    await mobileState(worker, '办理中');
    await waitToastGone(worker);
    await shot(worker, 'appeal-12-worker-reopened');

    // --- handler resolves again
    await openCase(handler, baseUrl, appealId);
    await expectState(handler, '办理中');
    expect((await handler.locator('.ant-card-head').first().textContent()) ?? '').toContain('重办 1 次');
    await startAction(handler, '办结');
    await handler
      .getByRole('textbox', { name: '办理结果答复' })
      .fill('东侧 10 个临时停车位已划线启用，两张罚单已撤销。');
    await confirmAction(handler, '办结');
    await expectState(handler, '已办结');

    // --- worker: satisfied
    await worker.goto(`${baseUrl}/m/appeals/${appealId}`);
    await worker.getByText('请评价办理结果').waitFor();
    await worker
      .locator('.adm-selector-item')
      .filter({ hasText: /^满意$/ })
      .click();
    await worker.getByRole('button', { name: '提交评价' }).click();
    await mobileState(worker, '已评价');
    await waitToastGone(worker);
    await shot(worker, 'appeal-13-worker-satisfied');

    // --- dispatcher closes (销号)
    await openCase(dispatcher, baseUrl, appealId);
    await expectState(dispatcher, '已回访');
    await startAction(dispatcher, '销号');
    await confirmAction(dispatcher, '销号');
    await expectState(dispatcher, '已销号');
    const timeline = (await dispatcher.locator('.ant-timeline').textContent()) ?? '';
    for (const step of ['派单', '退单', '改派', '签收', '办结', '回访', '销号'])
      expect(timeline).toContain(step);
    await shot(dispatcher, 'appeal-14-closed');

    // --- the metrics page counts it (APL-08): reopened once, so it is in 重办率's numerator
    await dispatcher.goto(`${baseUrl}/admin/appeals/metrics`);
    const reopenCard = dispatcher.locator('.ant-card-small').filter({ hasText: '重办率' }).first();
    await reopenCard.waitFor({ timeout: 30_000 });
    // The card's buttons: 口径 (the definition), then numerator and denominator.
    const numerator = reopenCard.getByRole('button').nth(1);
    const reopened = Number((await numerator.textContent()) ?? '0');
    if (!(reopened > 0)) throw new Error(`重办率 numerator is ${reopened}`);
    await numerator.click();
    const drawer = dispatcher.getByRole('dialog').filter({ hasText: /重办率 · 分子/ });
    await drawer.locator('tr', { hasText: caseNo }).waitFor();
    await dispatcher.waitForTimeout(400); // the drawer's slide-in, for the screenshot
    await shot(dispatcher, 'appeal-15-metrics-reopen');

    await dispatcher.context().close();
    await handler.context().close();
  },
};
