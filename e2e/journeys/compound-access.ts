import { newPage } from '../harness.ts';
import { riderSignIn, toastsGone } from './helpers.ts';
import { type Journey, shot } from './types.ts';

/** antd puts a space between two CJK characters in a button ("确 认"). */
const btn = (label: string) => new RegExp(`^\\s*${[...label].join('\\s*')}\\s*$`);

/** Two random capital letters: a unique name without digits (digits would look like a gate code). */
function tag(): string {
  const a = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `${a[Math.floor(Math.random() * a.length)]}${a[Math.floor(Math.random() * a.length)]}`;
}

/**
 * 小区进门 (INT-02 小区进门难) and 专属停放区 (POS-11): a rider near 上河街 sees parking zones and
 * confirmed compound notes sorted by distance, reports how to get into a compound on the phone (a
 * gate code in the note is refused before sending), the 大佛街道 community worker confirms it in
 * the console, and the rider sees it confirmed — in 我的报告 and in the nearby list.
 */
export const compoundAccess: Journey = {
  name: 'compound access: phone report → community confirms in the console → rider sees it confirmed',
  viewport: { width: 390, height: 844 },
  mobile: true,
  async run({ page: worker, baseUrl, server }) {
    const browser = worker.context().browser();
    if (!browser) throw new Error('no browser');
    const wctx = worker.context();
    await wctx.grantPermissions(['geolocation'], { origin: baseUrl });
    await wctx.setGeolocation({ latitude: 29.56, longitude: 103.764, accuracy: 15 });

    // --- the rider signs in with an SMS code
    // Phones of their own: no journey waits out another's 60 s resend interval.
    await worker.goto(`${baseUrl}/m`);
    await riderSignIn(worker, server, '13900000051');
    await worker.getByText('常用服务').waitFor();
    await toastsGone(worker);

    // --- 办事 → 停车与进小区: the demo zones and confirmed notes, nearest first
    await worker.getByText('办事', { exact: true }).first().click();
    await worker.locator('.adm-list-item').filter({ hasText: '停车与进小区' }).click();
    await worker.getByText(/按您的位置排序/).waitFor();
    await worker.getByTestId('parking-zone').filter({ hasText: '上河街骑手停放点' }).waitFor();
    await worker.getByTestId('compound-note').filter({ hasText: '桂花苑小区（示例）' }).first().waitFor();
    const distances = await worker
      .locator('[data-testid="parking-zone"], [data-testid="compound-note"]')
      .evaluateAll((els) =>
        els.map((e) => {
          const m = (e.textContent ?? '').match(/([\d.]+)\s*(米|公里)/);
          return m ? Number(m[1]) * (m[2] === '公里' ? 1000 : 1) : -1;
        }),
      );
    if (distances.length < 3 || distances.some((d, i) => d < 0 || (i > 0 && d < distances[i - 1]!)))
      throw new Error(`nearby list not sorted by distance: ${distances.join(', ')}`);
    // The 沙湾区 zones are 20 km away: not in a 3 km list.
    if ((await worker.getByText('沙湾商业街电动车停放区').count()) !== 0)
      throw new Error('a 沙湾区 zone is listed near 上河街');
    await shot(worker, 'compound-1-worker-nearby');

    // --- 报告小区进门: a gate code is refused on the phone already
    await worker
      .getByRole('button', { name: /报告小区进门/ })
      .first()
      .click();
    await worker.getByText('请勿填写门禁码', { exact: false }).first().waitFor();
    const name = `锦江苑小区${tag()}`;
    await worker.getByRole('textbox', { name: '小区名称' }).fill(name);
    await worker.getByRole('button', { name: /联系门岗/ }).click();
    await worker.getByRole('textbox', { name: '补充说明（选填）' }).fill('门禁密码 2580#');
    await worker.getByRole('alert').filter({ hasText: '像门禁码' }).waitFor();
    const submit = worker.getByRole('button', { name: /提交，等社区确认/ });
    if (!(await submit.isDisabled())) throw new Error('submit is enabled with a gate code in the note');
    await shot(worker, 'compound-2-worker-gate-code-refused');
    await worker
      .getByRole('textbox', { name: '补充说明（选填）' })
      .fill('北门门岗登记后可进，电动车停门岗旁');
    await worker.getByRole('alert').waitFor({ state: 'detached' });
    await worker.getByText(/已定位/).waitFor();
    // The district comes from the position (市中区); the township is picked: 大佛街道.
    if (!((await worker.getByRole('button', { name: '区（县）' }).textContent()) ?? '').includes('市中区'))
      throw new Error('the district was not preset from the position');
    await worker.getByRole('button', { name: '镇（街道）' }).click();
    // The wheel's accessible buttons: the first row is 不确定镇街, the next 大佛街道.
    await worker.getByRole('button', { name: '选择下一项：大佛街道' }).dispatchEvent('click');
    await worker.getByRole('button', { name: '当前选择的是：大佛街道' }).waitFor();
    await worker.locator('.adm-picker-header-button:visible').filter({ hasText: '确定' }).click();
    await worker.locator('.adm-picker:visible').waitFor({ state: 'detached' });
    if (
      !((await worker.getByRole('button', { name: '镇（街道）' }).textContent()) ?? '').includes('大佛街道')
    )
      throw new Error('township not picked');
    await shot(worker, 'compound-3-worker-form');
    await submit.click();
    await worker.getByText('已提交', { exact: true }).waitFor();
    await worker.getByRole('button', { name: '查看我的报告' }).click();
    const mine = worker.getByTestId('my-compound-note').filter({ hasText: name });
    await mine.getByTestId('my-compound-status').filter({ hasText: '待确认' }).waitFor();
    await shot(worker, 'compound-4-worker-mine-pending');

    // --- the 大佛街道 community worker confirms it in the console
    const { page: staff, context } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    try {
      await staff.goto(`${baseUrl}/admin/login`);
      await staff.getByRole('textbox', { name: '账号', exact: true }).fill('szq.community');
      await staff.getByRole('textbox', { name: '密码', exact: true }).fill('Nuanxin@2026');
      await staff.getByRole('button', { name: /登\s*录/ }).click();
      await staff.getByRole('link', { name: '小区进门审核' }).click();
      await staff.getByText('骑手报告的小区进门方法', { exact: false }).waitFor();
      const row = staff.getByRole('row').filter({ hasText: name });
      await row.waitFor();
      // Pending first: the new report and the demo one (flagged as a possible duplicate) lead.
      const statuses = await staff
        .locator('.ant-tabs-tabpane-active tbody tr')
        .evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').includes('待确认')));
      const firstDone = statuses.indexOf(false);
      if (firstDone >= 0 && statuses.slice(firstDone).some(Boolean))
        throw new Error('pending notes are not listed first');
      await staff
        .getByText(/可能重复/)
        .first()
        .waitFor();
      await shot(staff, 'compound-5-console-queue');
      await row.getByRole('button', { name: btn('确认') }).click();
      await staff.locator('.ant-modal-container').waitFor();
      await staff.getByRole('textbox', { name: /原因|说明/ }).fill('已与物业核实，北门门岗可登记进入');
      await staff
        .locator('.ant-modal-footer')
        .getByRole('button', { name: btn('确认') })
        .click();
      await staff.locator('.ant-modal-container').waitFor({ state: 'hidden' });
      await row.getByText('已确认').waitFor();
      await shot(staff, 'compound-6-console-confirmed');
      // 专属停放区: the zones of 大佛街道, editable by the community worker.
      await staff.getByRole('link', { name: '专属停放区' }).click();
      await staff.getByRole('cell', { name: /上河街骑手停放点/ }).waitFor();
      await staff.getByRole('cell', { name: /嘉瑞财富商圈外卖专属停放区/ }).waitFor();
      await shot(staff, 'compound-7-console-zones');
      await staff.getByRole('button', { name: /新增停放区/ }).click();
      await staff.locator('.ant-modal-container').waitFor();
      await staff.getByRole('combobox', { name: '所在区域' }).click();
      await staff
        .locator('.ant-select-item-option:visible')
        .filter({ hasText: '大佛街道' })
        .first()
        .waitFor();
      await staff.keyboard.press('Escape');
      await shot(staff, 'compound-8-console-zone-form');
      await staff
        .locator('.ant-modal-footer')
        .getByRole('button', { name: btn('取消') })
        .click();
    } catch (err) {
      await shot(staff, 'failed-compound-staff').catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }

    // --- the rider sees it confirmed: in 我的报告 and in the nearby list
    await worker.reload();
    await mine.getByTestId('my-compound-status').filter({ hasText: '已确认' }).waitFor();
    await mine.getByText('已与物业核实').waitFor();
    await shot(worker, 'compound-9-worker-mine-confirmed');
    await worker.getByRole('tab', { name: '附近' }).click();
    await worker.getByTestId('compound-note').filter({ hasText: name }).waitFor();
    const own = worker.getByTestId('compound-note').filter({ hasText: name });
    if ((await own.getByText('待确认').count()) !== 0)
      throw new Error('the confirmed note still shows as pending');
    await shot(worker, 'compound-10-worker-nearby-confirmed');

    // --- without a position: the district centre stands in, said so, with a switch to 沙湾区
    const { page: other, context: otherCtx } = await newPage(browser, {
      viewport: { width: 390, height: 844 },
      mobile: true,
    });
    try {
      await other.goto(`${baseUrl}/m/parking`);
      await riderSignIn(other, server, '13900000052');
      await other.waitForURL(/\/m\/parking/);
      await other.getByText(/先按市中区中心显示/).waitFor();
      await other.getByRole('button', { name: '沙湾区' }).click();
      await other.getByText(/先按沙湾区中心显示/).waitFor();
      await other.getByTestId('parking-zone').filter({ hasText: '沙湾商业街电动车停放区' }).waitFor();
      await shot(other, 'compound-11-worker-fallback-shawan');
    } catch (err) {
      await shot(other, 'failed-compound-fallback').catch(() => undefined);
      throw err;
    } finally {
      await otherCtx.close();
    }
  },
};
