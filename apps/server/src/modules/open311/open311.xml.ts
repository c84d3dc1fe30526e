/**
 * A small XML writer for GeoReport v2 answers. The data is the same tree the JSON answer uses
 * (the spec's "Spark convention" maps one onto the other); arrays become a wrapper element whose
 * children are named by {@link ITEM_NAMES}, e.g. `services` → `<services><service>…</service>`.
 */

export type XmlValue = string | number | boolean | null | undefined | XmlObject | readonly XmlValue[];
export interface XmlObject {
  readonly [key: string]: XmlValue;
}

/** Child element name of each list element (as in the spec's examples and mySociety's updates). */
export const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Characters XML 1.0 does not allow at all (C0 controls except tab/LF/CR, lone surrogates,
// U+FFFE/U+FFFF). They are dropped rather than escaped: no escape makes them legal.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content or attribute value, escaped; characters XML cannot carry are removed. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function assertName(name: string): void {
  if (!NAME_RE.test(name) || name.toLowerCase().startsWith('xml'))
    throw new Error(`Not a valid XML element name: ${name}`);
}

function scalar(v: string | number | boolean): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('Cannot write a non-finite number to XML');
    return String(v);
  }
  return typeof v === 'boolean' ? (v ? 'true' : 'false') : escapeXml(v);
}

function write(out: string[], name: string, value: XmlValue): void {
  if (value === undefined) return;
  assertName(name);
  if (value === null) {
    out.push(`<${name}/>`);
    return;
  }
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name];
    if (!item) throw new Error(`No item element name for the list ${name}`);
    if (value.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const v of value as readonly XmlValue[]) write(out, item, v);
    out.push(`</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as XmlObject).filter(([, v]) => v !== undefined);
    if (entries.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const [k, v] of entries) write(out, k, v);
    out.push(`</${name}>`);
    return;
  }
  const text = scalar(value as string | number | boolean);
  out.push(text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`);
}

/** A whole document: the UTF-8 declaration and one root element. */
export function toXml(root: string, value: XmlValue): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(out, root, value);
  out.push('\n');
  return out.join('');
}
