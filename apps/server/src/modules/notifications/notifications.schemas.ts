import { okSchema, pageOf, pageQuery, uuidSchema } from '@nuanxin/shared';
import { z } from 'zod';

/** Query of `GET /notifications`. */
export const notificationsListQuery = pageQuery.extend({
  /** Only notifications not yet read. */
  unreadOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Only unread notifications'),
});
export type NotificationsListQuery = z.infer<typeof notificationsListQuery>;

/** One inbox entry. */
export const notificationSchema = z.object({
  id: uuidSchema,
  /** What kind of notice (`appeal.answered`, `task.assigned`…); the app picks an icon by it. */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** In-app path to open, e.g. `/m/appeals/…`. */
  link: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export const notificationsPage = pageOf(notificationSchema);
export type NotificationsPage = z.infer<typeof notificationsPage>;

export const unreadCountReply = z.object({ count: z.number().int() });
export const notificationIdParams = z.object({ id: uuidSchema });
export { okSchema };
