import { pageOf, pageQuery, regionCodeSchema as regionCode } from '@nuanxin/shared';
import { z } from 'zod';
import {
  PROJECT_ACTION_KINDS,
  PROJECT_LEVELS,
  type PROJECT_OPERATIONS,
  PROJECT_STATES,
} from './projects.machine.ts';

/** Request and response schemas of the governance project routes (APL-02/04/07). */

export const projectIdParams = z.object({ id: z.uuid().describe('Project id') });
export const projectCaseParams = projectIdParams.extend({ appealId: z.uuid() });
export const projectMilestoneParams = projectIdParams.extend({ milestoneId: z.uuid() });

const flags = {
  concentrated: z.boolean().optional().describe('集中性诉求: many similar cases'),
  crossRegion: z.boolean().optional().describe('跨区域: escalates to the committee, or the city'),
  crossDepartment: z.boolean().optional().describe('跨部门: escalates to the industry committee'),
};

export const createProjectBody = z.object({
  title: z.string().trim().min(2).max(100),
  categoryId: z.uuid(),
  regionCode: regionCode.describe('The district (or street) the project belongs to'),
  leadUnitId: z.uuid().describe('牵头单位'),
  coUnitIds: z.array(z.uuid()).max(20).default([]).describe('协办单位'),
  plan: z.string().trim().max(4000).default(''),
  level: z.enum(PROJECT_LEVELS).default('district_department'),
  appealIds: z.array(z.uuid()).max(200).default([]).describe('Cases to link at once'),
  ...flags,
});
export type CreateProjectInput = z.infer<typeof createProjectBody>;

export const updateProjectBody = z
  .object({
    title: z.string().trim().min(2).max(100).optional(),
    plan: z.string().trim().max(4000).optional(),
    leadUnitId: z.uuid().optional(),
    coUnitIds: z.array(z.uuid()).max(20).optional(),
    ...flags,
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change' });
export type UpdateProjectInput = z.infer<typeof updateProjectBody>;

export const linkCasesBody = z.object({ appealIds: z.array(z.uuid()).min(1).max(200) });
export const milestoneBody = z.object({
  title: z.string().trim().min(2).max(200),
  dueDate: z.iso.date().optional().describe('YYYY-MM-DD'),
});
export const progressBody = z.object({ note: z.string().trim().min(2).max(2000) });
export const logActionBody = z
  .object({
    kind: z.enum(PROJECT_ACTION_KINDS).describe('上报 report_up / 动员 mobilise / 协调 coordinate'),
    targetOrgId: z.uuid().optional().describe('The target unit, when it is in the organisation tree'),
    targetName: z.string().trim().min(2).max(200).optional().describe('Otherwise its name'),
    note: z.string().trim().max(2000).default(''),
  })
  .refine((b) => b.targetOrgId !== undefined || b.targetName !== undefined, {
    message: 'Give targetOrgId or targetName',
    path: ['targetOrgId'],
  });
export type LogActionInput = z.infer<typeof logActionBody>;
export const resolveProjectBody = z.object({
  reply: z.string().trim().min(5).max(2000).describe('Shared reply sent to every resolved case'),
});
export const reasonBody = z.object({ reason: z.string().trim().min(2).max(1000) });
export const noteBody = z.object({ note: z.string().trim().max(1000).optional() });
export const emptyBody = z.object({}).optional();

export const projectsListQuery = pageQuery.extend({
  state: z.enum(PROJECT_STATES).optional(),
  level: z.enum(PROJECT_LEVELS).optional(),
  categoryId: z.uuid().optional(),
  regionCode: regionCode.optional().describe('This region or below'),
  q: z.string().trim().min(1).max(64).optional().describe('Part of the code or title'),
});
export type ProjectsListQuery = z.infer<typeof projectsListQuery>;

export const suggestionsQuery = z.object({
  appealId: z.uuid(),
  radiusKm: z.coerce.number().min(0.1).max(20).default(2).describe('Nearby within this distance'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type SuggestionsQuery = z.infer<typeof suggestionsQuery>;

export const clustersQuery = z.object({
  regionCode,
  categoryId: z.uuid().optional(),
  radiusKm: z.coerce.number().min(0.1).max(20).default(1),
});
export type ClustersQuery = z.infer<typeof clustersQuery>;

const projectSummary = z.object({
  id: z.uuid(),
  code: z.string().describe('XM-<region>-<yyyy>-<seq>'),
  title: z.string(),
  categoryId: z.uuid(),
  categoryName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  leadUnitId: z.uuid(),
  leadUnitName: z.string().nullable(),
  coUnits: z.array(z.object({ id: z.uuid(), name: z.string() })),
  level: z.enum(PROJECT_LEVELS),
  concentrated: z.boolean(),
  crossRegion: z.boolean(),
  crossDepartment: z.boolean(),
  state: z.enum(PROJECT_STATES),
  caseCount: z.number().int(),
  milestoneCount: z.number().int(),
  milestonesDone: z.number().int(),
  progressPercent: z.number().int().describe('Milestones done; 100 once resolved'),
  createdAt: z.string(),
  escalatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type ProjectSummaryDto = z.infer<typeof projectSummary>;

const caseRow = z.object({
  appealId: z.uuid(),
  caseNo: z.string().nullable().describe('null when the actor may not see the case'),
  title: z.string().nullable(),
  state: z.string().nullable(),
  stateLabel: z.string().nullable(),
  regionName: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  addedAt: z.string(),
});

export const projectDetailSchema = projectSummary.extend({
  plan: z.string(),
  reply: z.string().nullable(),
  version: z.number().int(),
  cases: z.array(caseRow),
  milestones: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      dueDate: z.string().nullable(),
      doneAt: z.string().nullable(),
    }),
  ),
  progress: z.array(
    z.object({ id: z.uuid(), note: z.string(), byName: z.string().nullable(), at: z.string() }),
  ),
  actionLog: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(PROJECT_ACTION_KINDS),
      targetOrgId: z.uuid().nullable(),
      targetName: z.string(),
      note: z.string(),
      byName: z.string().nullable(),
      at: z.string(),
    }),
  ),
  actions: z
    .object({
      activate: z.boolean(),
      resolve: z.boolean(),
      close: z.boolean(),
      cancel: z.boolean(),
      update: z.boolean(),
      link: z.boolean(),
      unlink: z.boolean(),
      addMilestone: z.boolean(),
      completeMilestone: z.boolean(),
      progress: z.boolean(),
      logAction: z.boolean(),
      escalate: z.boolean(),
    } satisfies Record<(typeof PROJECT_OPERATIONS)[number], z.ZodBoolean>)
    .describe('What the actor may do now (policy ∧ state machine)'),
});
export type ProjectDetailDto = z.infer<typeof projectDetailSchema>;

export const projectsListReply = pageOf(projectSummary);

export const resolveProjectReply = z.object({
  project: projectDetailSchema,
  resolved: z.array(z.object({ appealId: z.uuid(), caseNo: z.string() })),
  skipped: z.array(
    z.object({
      appealId: z.uuid(),
      caseNo: z.string().nullable(),
      state: z.string().nullable(),
      reason: z
        .enum(['state', 'not_permitted', 'not_visible', 'conflict'])
        .describe('state: not 办理中; not_permitted: another unit leads it; conflict: changed meanwhile'),
    }),
  ),
});
export type ResolveProjectResult = z.infer<typeof resolveProjectReply>;

const candidate = z.object({
  appealId: z.uuid(),
  caseNo: z.string(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string().nullable(),
  regionName: z.string().nullable(),
  createdAt: z.string(),
  distanceMeters: z.number().int().nullable(),
  jaccard: z.number(),
  trigram: z.number(),
  textSimilarity: z.number().describe('Mean of token Jaccard and pg_trgm similarity, 0..1'),
  score: z.number(),
  reasons: z.array(z.string()).describe('同类 / 相近 N 米 / 文本相似 x%'),
  projectId: z.uuid().nullable().describe('Open project the case already belongs to'),
  projectCode: z.string().nullable(),
});
export type SuggestionDto = z.infer<typeof candidate>;

export const suggestionsReply = z.object({
  appeal: z.object({
    id: z.uuid(),
    caseNo: z.string(),
    categoryId: z.uuid(),
    categoryName: z.string(),
    regionCode: z.string(),
    tokens: z.array(z.string()),
  }),
  candidatesConsidered: z.number().int(),
  items: z.array(candidate),
});
export type SuggestionsDto = z.infer<typeof suggestionsReply>;

export const clustersReply = z.object({
  regionCode: z.string(),
  casesConsidered: z.number().int(),
  truncated: z.boolean(),
  clusters: z.array(
    z.object({
      categoryId: z.uuid(),
      categoryName: z.string(),
      suggestedTitle: z.string(),
      keywords: z.array(z.string()),
      cases: z.array(
        z.object({
          appealId: z.uuid(),
          caseNo: z.string(),
          title: z.string(),
          state: z.string(),
          regionName: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type ClustersDto = z.infer<typeof clustersReply>;
