/**
 * Masking (脱敏) as design/china.md §4.4 fixes it: phone keeps 3 + 4 (`138****0001`), ID number
 * keeps the first 3 and last 4 so the birth date never shows, names keep the family name.
 * Masking happens on the server, in presenters and logs; the browser never sees the full value
 * unless a reveal was authorised and audited.
 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

const PHONE_IN_TEXT = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
const ID_IN_TEXT = /(?<![\dA-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![\dA-Za-z])/g;

/** Masks phone and ID numbers wherever they appear inside free text. */
export function maskText(text: string): string {
  return text.replace(ID_IN_TEXT, '$1***********$2').replace(PHONE_IN_TEXT, '$1****$3');
}

const SENSITIVE_KEYS =
  /^(phone|mobile|idNumber|id_number|idCard|password|passwordHash|code|otp|secret|token|totpSecret)$/i;

/**
 * Deep copy with personal data masked: values under sensitive keys are replaced, strings are
 * scanned for phone and ID patterns. Used for audit summaries and log lines.
 */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SENSITIVE_KEYS.test(k) && v != null) {
        out[k] =
          typeof v === 'string' && /phone|mobile/i.test(k)
            ? maskPhone(v)
            : typeof v === 'string' && /id/i.test(k)
              ? maskIdNumber(v)
              : '[redacted]';
      } else out[k] = maskDeep(v, depth + 1);
    }
    return out;
  }
  return value;
}
