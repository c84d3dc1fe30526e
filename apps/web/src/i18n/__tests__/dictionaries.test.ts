import { describe, expect, it } from 'vitest';
import { en } from '../en';
import i18n, { loadConsoleDictionaries } from '../index';

/**
 * The Chinese dictionaries come in two parts: the entry's (worker app, public pages, shared) and
 * the console's chunk, merged in when /admin opens. Together they must be the English dictionary's
 * shape, key for key, and the merge must keep the few `admin` keys the entry carries.
 */

/** Every leaf key path of a nested dictionary (`admin.login.title`). */
function leaves(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const zh = () => i18n.getResourceBundle('zh-CN', 'translation') as Record<string, unknown>;

describe('zh-CN dictionaries split between the entry and the console chunk', () => {
  it('the entry has the worker app and shared keys, not the console pages', () => {
    const keys = new Set(leaves(zh()));
    expect(keys.has('stationMap.cluster')).toBe(true);
    expect(keys.has('m.tabs.map')).toBe(true);
    expect(keys.has('admin.notFound.sub')).toBe(true);
    expect(keys.has('admin.header.switchLanguage')).toBe(true);
    expect(keys.has('admin.login.title')).toBe(false);
    expect(keys.has('stationConsole.title')).toBe(false);
  });

  it('with the console chunk merged in, the keys are exactly the English ones', async () => {
    await loadConsoleDictionaries();
    await loadConsoleDictionaries(); // once is enough; a second call changes nothing
    const zhKeys = leaves(zh()).sort();
    // The error tables are nested at load (`errors.auth.otp_invalid`), on both sides.
    const enBundle = { ...en, errors: i18n.getResourceBundle('zh-CN', 'translation').errors };
    expect(zhKeys).toEqual(leaves(enBundle).sort());
    expect(i18n.t('admin.login.title', { lng: 'zh-CN' })).toBe('工作人员登录');
    expect(i18n.t('admin.notFound.sub', { lng: 'zh-CN' })).toBe('抱歉，您访问的页面不存在。');
    expect(i18n.t('admin.header.collapse', { lng: 'zh-CN' })).toBe('收起菜单');
  });
});
