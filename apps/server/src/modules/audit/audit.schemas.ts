import { pageOf, pageQuery, uuidSchema } from '@nuanxin/shared';
import { z } from 'zod';

const shortText = (what: string) => z.string().trim().min(1).max(100).describe(what);

/** Query of `GET /audit`; every filter is optional and they combine with AND. */
export const auditSearchQuery = pageQuery
  .extend({
    /** Rows written by this user. */
    actorId: uuidSchema.optional(),
    /** Exact action (`users.disable`), or a prefix ending in `*` (`users.*`). */
    action: shortText('Action, exact or a prefix ending in *').optional(),
    entityType: shortText('Entity type, e.g. user').optional(),
    entityId: shortText('Entity id').optional(),
    outcome: z.enum(['success', 'denied', 'failure']).optional(),
    /** From this instant (inclusive). */
    from: z.iso.datetime({ offset: true }).optional().describe('From (inclusive), ISO 8601'),
    /** Before this instant (exclusive). */
    to: z.iso.datetime({ offset: true }).optional().describe('To (exclusive), ISO 8601'),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), {
    message: 'from must not be after to',
    path: ['from'],
  });
export type AuditSearchQuery = z.infer<typeof auditSearchQuery>;

/** One audit row as the auditor sees it; summaries were masked when written. */
export const auditEntrySchema = z.object({
  id: uuidSchema,
  at: z.iso.datetime({ offset: true }),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** Roles the actor held, comma-separated. */
  actorRole: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'denied', 'failure']),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  /** `{before?, after?, note?}`, masked. */
  summary: z
    .object({ before: z.unknown().optional(), after: z.unknown().optional(), note: z.string().optional() })
    .nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const auditPage = pageOf(auditEntrySchema);
export type AuditPage = z.infer<typeof auditPage>;
