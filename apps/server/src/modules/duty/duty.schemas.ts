import { z } from 'zod';

export const dutyIdParams = z.object({ id: z.uuid() });
export const dutyRangeQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((q) => new Date(q.to) > new Date(q.from), { message: 'to must be after from' })
  .refine((q) => new Date(q.to).getTime() - new Date(q.from).getTime() <= 92 * 86_400_000, {
    message: 'at most 92 days',
  });

export const dutyRotaSchema = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  canManage: z.boolean(),
});
export type DutyRotaDto = z.infer<typeof dutyRotaSchema>;
export const dutyRotasReply = z.object({ items: z.array(dutyRotaSchema) });

export const createRotaBody = z.object({
  orgId: z.uuid(),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  name: z.string().trim().min(1).max(100),
});

export const dutyShiftSchema = z.object({
  id: z.uuid(),
  rotaId: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  sortOrder: z.number().int(),
});
export type DutyShiftDto = z.infer<typeof dutyShiftSchema>;
export const dutyShiftsReply = z.object({ items: z.array(dutyShiftSchema) });

export const shiftBody = z.object({
  userId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  sortOrder: z.number().int().min(0).max(20).default(0),
});

export const intervalSchema = z.object({ startsAt: z.string(), endsAt: z.string() });
export const coverageReply = z.object({
  from: z.string(),
  to: z.string(),
  covered: z.boolean(),
  gaps: z.array(intervalSchema).describe('Uncovered intervals, sorted'),
});

export const candidatesReply = z.object({
  items: z.array(z.object({ userId: z.uuid(), name: z.string(), roles: z.array(z.string()) })),
});

export const dutyAssignmentSchema = z.object({
  id: z.uuid(),
  appealId: z.uuid(),
  caseNo: z.string(),
  rotaId: z.uuid(),
  rotaName: z.string(),
  level: z.number().int(),
  arrivedAt: z.string(),
  assignedAt: z.string(),
  ackDueAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type DutyAssignmentDto = z.infer<typeof dutyAssignmentSchema>;
export const dutyAssignmentsReply = z.object({ items: z.array(dutyAssignmentSchema) });
export const okReply = z.object({ ok: z.literal(true) });
