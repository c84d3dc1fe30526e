import { describe, expect, it } from 'vitest';
import {
  fmsStatus,
  open311Status,
  publicSummary,
  scrub,
  statesOf,
  statusNotes,
  w3c,
} from '../open311.mapping.ts';
import { countyInAddress, inLeshan, nearestCounty } from '../open311.regions.ts';
import { attributesOf, parseForm, parseW3c } from '../open311.routes.ts';
import { escapeXml, toXml } from '../open311.xml.ts';
import { parseXml, plainXml } from './xml-check.ts';

describe('open311 XML writer', () => {
  it('escapes the five special characters and drops characters XML cannot carry', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(escapeXml('x\u0000\u0001\u0008y\t\n\rz\uFFFE\uD800')).toBe('xy\t\n\rz');
    expect(escapeXml('𠮷野家 😀')).toBe('𠮷野家 😀');
  });

  it('writes lists with the spec’s item names, null as an empty element, and a UTF-8 declaration', () => {
    const doc = toXml('services', [
      { service_code: 'a.b', metadata: true, group: null, keywords: '' },
      { service_code: 'c&d', metadata: false },
    ]);
    expect(doc.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<services><service>')).toBe(true);
    expect(doc).toContain('<group/>');
    expect(doc).toContain('<service_code>c&amp;d</service_code>');
    const { root } = parseXml(doc);
    expect(plainXml(root)).toEqual([
      { service_code: 'a.b', metadata: 'true', group: null, keywords: null },
      { service_code: 'c&d', metadata: 'false' },
    ]);
    expect(toXml('service_requests', [])).toContain('<service_requests/>');
    expect(() => toXml('bad name', 'x')).toThrow();
    expect(() => toXml('things', ['x'])).toThrow(/item element/);
  });

  it('the test reader refuses documents that are not well-formed', () => {
    for (const bad of [
      '<a><b></a></b>',
      '<a>x & y</a>',
      '<a/><b/>',
      '<a>',
      '<a>&nbsp;</a>',
      '<a x="1" x="2"/>',
    ])
      expect(() => parseXml(bad), bad).toThrow();
  });
});

describe('open311 mapping', () => {
  it('maps our states onto open/closed and back', () => {
    expect(open311Status('handling')).toBe('open');
    expect(open311Status('returned')).toBe('open');
    expect(open311Status('resolved')).toBe('closed');
    expect(open311Status('duplicate')).toBe('closed');
    expect(statesOf('open')).toEqual(['submitted', 'accepted', 'dispatched', 'returned', 'handling']);
    expect(statusNotes('handling', 1)).toBe('办理中 (handling)，重办 1 次');
    expect(statusNotes('closed', 1)).toBe('已销号 (closed)');
  });

  it('gives FMS extended statuses per event', () => {
    expect(fmsStatus({ action: 'redispatch', toState: 'dispatched' })).toBe('internal_referral');
    expect(fmsStatus({ action: 'visit', toState: 'handling' })).toBe('open');
    expect(fmsStatus({ action: 'visit', toState: 'visited' })).toBe('fixed');
    expect(fmsStatus({ action: 'terminate', toState: 'terminated' })).toBe('no_further_action');
    expect(fmsStatus({ action: 'markDuplicate', toState: 'duplicate' })).toBe('duplicate');
  });

  it('writes times in Beijing time with the offset', () => {
    expect(w3c(new Date('2026-01-31T18:30:00Z'))).toBe('2026-02-01T02:30:00+08:00');
    expect(w3c(null)).toBeNull();
    expect(parseW3c('2026-02-01T02:30:00+08:00')?.toISOString()).toBe('2026-01-31T18:30:00.000Z');
    expect(parseW3c('2026-02-01T02:30:00Z')?.toISOString()).toBe('2026-02-01T02:30:00.000Z');
    expect(parseW3c('2026-02-01T02:30:00+0800')?.toISOString()).toBe('2026-01-31T18:30:00.000Z');
    expect(parseW3c('2026-02-01')?.toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(parseW3c('yesterday')).toBeNull();
    expect(parseW3c('2026-13-01T00:00:00Z')).toBeNull();
  });

  it('scrubs contact details and cuts the public summary', () => {
    expect(scrub('打 138 1234 5678 或 +86-13912345678，邮箱 a.b@c.cn，身份证 51110219900101123X')).toBe(
      '打 *** 或 ***，邮箱 ***，身份证 ***',
    );
    expect(publicSummary(`很短的描述\n——\n附件：https://x.example/1.jpg`)).toBe('很短的描述');
    expect([...publicSummary('长'.repeat(100))]).toHaveLength(41);
  });
});

describe('open311 requests', () => {
  it('parses forms: attribute[code], attribute[code][] lists, the last of repeated fields', () => {
    const body = parseForm(
      'service_code=a&service_code=b&attribute%5Btype%5D=help&attribute[tags][]=x&attribute[tags][]=y&description=a+b%26c',
    );
    expect(body.service_code).toBe('b');
    expect(body.description).toBe('a b&c');
    const attrs = attributesOf({ ...body, attribute: { urgency: 'urgent' } });
    expect(attrs.get('type')).toEqual(['help']);
    expect(attrs.get('tags')).toEqual(['x', 'y']);
    expect(attrs.get('urgency')).toEqual(['urgent']);
    expect(Object.getPrototypeOf(parseForm('__proto__=x'))).toBe(Object.prototype);
  });

  it('places a point in the county with the nearest seat, and reads county names from addresses', () => {
    expect(nearestCounty({ lat: 29.5521, lng: 103.7656 }).code).toBe('511102');
    expect(nearestCounty({ lat: 29.42, lng: 103.54 }).code).toBe('511111');
    expect(nearestCounty({ lat: 29.6, lng: 103.47 }).code).toBe('511181');
    expect(inLeshan({ lat: 30.66, lng: 104.06 })).toBe(false); // 成都
    expect(countyInAddress('乐山市沙湾区沫若广场')).toBe('511111');
    expect(countyInAddress('峨边县城')).toBe('511132');
    expect(countyInAddress('某个路口')).toBeNull();
  });
});
