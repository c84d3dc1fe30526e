import { compoundNameKey, containsGateCode } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import { assertNoGateCodes } from '../stations.access.service.ts';

describe('gate-code rule (compound_access.no_codes)', () => {
  it.each([
    '门禁码1234',
    '密码 123456#',
    '按 8888 进门',
    '12345678',
    '门禁 12 34',
    '1-2-3-4',
    '#1234*',
    '门禁码１２３４５',
    '密码是一二三四',
    '密码：5、2、0、1',
  ])('refuses %s', (text) => {
    expect(containsGateCode(text)).toBe(true);
  });

  it.each([
    '东门可进，电动车停南侧',
    '3栋旁边有电梯',
    '晚上10点后走西侧小门',
    '2号门 3 单元',
    '123',
    '123456789', // nine digits: longer than a gate code
    '138 0000 0001 门岗电话', // eleven digits once joined
    '',
    null,
    undefined,
  ])('accepts %s', (text) => {
    expect(containsGateCode(text)).toBe(false);
  });

  it('names the fields that hold a code', () => {
    try {
      assertNoGateCodes({ compoundName: '嘉州花园', note: '门禁 4321', address: '嘉州路1号' });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        code: 'compound_access.no_codes',
        status: 400,
        details: { fields: ['note'] },
      });
    }
    expect(() => assertNoGateCodes({ compoundName: '嘉州花园', note: null })).not.toThrow();
  });
});

describe('compound name key', () => {
  it('folds spaces, punctuation, width and case', () => {
    expect(compoundNameKey('嘉州 花园（东区）')).toBe(compoundNameKey('嘉州花园东区'));
    expect(compoundNameKey('ＡＢＣ 小区')).toBe(compoundNameKey('abc小区'));
    expect(compoundNameKey('桂花苑')).not.toBe(compoundNameKey('桂花园'));
  });
});
