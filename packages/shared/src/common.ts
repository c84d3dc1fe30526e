import { z } from 'zod';

/** Chinese mainland mobile number (design/china.md §4.4). Input is normalised before this check. */
export const PHONE_RE = /^1[3-9]\d{9}$/;

/**
 * Accepts what people type — `+86 138-0000-0001`, full-width digits, spaces — and yields the
 * 11-digit canonical form, or fails with a message the UI can show.
 */
export function normalisePhone(input: string): string | null {
  const halfWidth = input.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  let digits = halfWidth.replace(/[\s\-()（）]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  return PHONE_RE.test(digits) ? digits : null;
}

export const phoneSchema = z
  .string()
  .max(32)
  .transform((v, ctx) => {
    const p = normalisePhone(v);
    if (!p) {
      ctx.addIssue({ code: 'custom', message: 'invalid_phone' });
      return z.NEVER;
    }
    return p;
  })
  .describe('Mainland mobile number, 11 digits; +86, spaces and dashes are accepted');

export const uuidSchema = z.uuid().describe('Identifier (UUID)');

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('Page number, from 1'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('Rows per page, at most 200'),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('Rows matching the filter'),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const okSchema = z.object({ ok: z.literal(true) });
