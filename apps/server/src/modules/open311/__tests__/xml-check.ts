/**
 * A strict little XML reader for the tests: recursive descent over the subset XML 1.0 documents
 * use (declaration, elements, attributes, text, the five entities and character references,
 * comments, CDATA). It throws on anything not well-formed — unclosed or mismatched tags, a bare
 * `&` or `<` in text, a second root, an undefined entity — and returns the element tree.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content (direct children only). */
  text: string;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(doc: string): { declaration: string | null; root: XmlElement } {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`XML not well-formed at ${i}: ${msg} near ${JSON.stringify(doc.slice(i, i + 30))}`);
  };
  const skipWs = () => {
    while (i < doc.length && /[ \t\r\n]/.test(doc[i]!)) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(doc);
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;]*);/g, (_, ent: string) => {
      if (ent.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ent.slice(2), 16));
      if (ent.startsWith('#')) return String.fromCodePoint(Number.parseInt(ent.slice(1), 10));
      const v = ENTITIES[ent];
      if (v === undefined) throw new Error(`undefined entity &${ent};`);
      return v;
    });
  const checkText = (raw: string) => {
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) fail('bare &');
    if (raw.includes('<')) fail('bare <');
    if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(raw)) fail('illegal character');
  };
  const misc = () => {
    for (;;) {
      skipWs();
      if (doc.startsWith('<!--', i)) {
        const end = doc.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else return;
    }
  };

  const element = (): XmlElement => {
    if (doc[i] !== '<') fail('expected <');
    i++;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      skipWs();
      if (doc.startsWith('/>', i)) {
        i += 2;
        return { name: tag, attributes, children: [], text: '' };
      }
      if (doc[i] === '>') {
        i++;
        break;
      }
      const a = name();
      if (a in attributes) fail(`duplicate attribute ${a}`);
      skipWs();
      if (doc[i] !== '=') fail('expected =');
      i++;
      skipWs();
      const q = doc[i];
      if (q !== '"' && q !== "'") return fail('expected a quoted value');
      const end = doc.indexOf(q, i + 1);
      if (end < 0) fail('unclosed attribute value');
      const raw = doc.slice(i + 1, end);
      checkText(raw);
      attributes[a] = decode(raw);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= doc.length) fail(`unclosed <${tag}>`);
      if (doc.startsWith('</', i)) {
        i += 2;
        const close = name();
        if (close !== tag) fail(`</${close}> closes <${tag}>`);
        skipWs();
        if (doc[i] !== '>') fail('expected >');
        i++;
        return { name: tag, attributes, children, text };
      }
      if (doc.startsWith('<!--', i)) {
        const end = doc.indexOf('-->', i + 4);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else if (doc.startsWith('<![CDATA[', i)) {
        const end = doc.indexOf(']]>', i + 9);
        if (end < 0) fail('unclosed CDATA');
        text += doc.slice(i + 9, end);
        i = end + 3;
      } else if (doc[i] === '<') children.push(element());
      else {
        const next = doc.indexOf('<', i);
        const raw = doc.slice(i, next < 0 ? doc.length : next);
        checkText(raw);
        if (raw.includes(']]>')) fail(']]> in text');
        text += decode(raw);
        i += raw.length;
      }
    }
  };

  let declaration: string | null = null;
  if (doc.startsWith('<?xml')) {
    const end = doc.indexOf('?>');
    if (end < 0) fail('unclosed declaration');
    declaration = doc.slice(0, end + 2);
    i = end + 2;
  }
  misc();
  const root = element();
  misc();
  if (i !== doc.length) fail('content after the root element');
  return { declaration, root };
}

/** List elements and their items, as the GeoReport v2 examples name them. */
const LISTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

export type Plain = string | null | Plain[] | { [k: string]: Plain };

/**
 * The element as plain data by the Spark convention (lists become arrays, leaves become text or
 * null when empty), so an XML answer can be compared with the JSON one after {@link plainJson}.
 */
export function plainXml(e: XmlElement): Plain {
  const item = LISTS[e.name];
  if (item) {
    for (const c of e.children) if (c.name !== item) throw new Error(`<${c.name}> inside <${e.name}>`);
    return e.children.map(plainXml);
  }
  if (e.children.length === 0) return e.text === '' ? null : e.text;
  const out: Record<string, Plain> = {};
  for (const c of e.children) {
    if (c.name in out) throw new Error(`repeated <${c.name}> in <${e.name}>`);
    out[c.name] = plainXml(c);
  }
  return out;
}

/** JSON data with scalars as the XML would carry them (numbers and booleans as text, '' as null). */
export function plainJson(v: unknown): Plain {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.map(plainJson);
  if (typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, plainJson(x)]),
    );
  return String(v);
}
