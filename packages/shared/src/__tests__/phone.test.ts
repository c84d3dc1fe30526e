import { describe, expect, it } from 'vitest';
import { normalisePhone, phoneSchema } from '../common.ts';

describe('normalisePhone (design/china.md §4.4, reliability.md C3)', () => {
  it.each([
    ['13800000001', '13800000001'],
    ['+86 138 0000 0001', '13800000001'],
    ['0086-138-0000-0001', '13800000001'],
    ['１３８００００００01', '13800000001'],
    ['(138) 0000 0001', '13800000001'],
  ])('accepts %s', (input, want) => {
    expect(normalisePhone(input)).toBe(want);
  });

  it.each([
    '',
    '1380000000',
    '138000000012',
    '12800000001',
    '0833-1234567',
    '1380000000a',
    '𠀀',
    '138\u200d00000001',
  ])('rejects %s', (input) => {
    expect(normalisePhone(input)).toBeNull();
    expect(phoneSchema.safeParse(input).success).toBe(false);
  });
});
