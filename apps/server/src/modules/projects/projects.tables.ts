import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { appUser } from '../identity/identity.tables.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';
import { PROJECT_ACTION_KINDS, PROJECT_LEVELS, PROJECT_STATES } from './projects.machine.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * 治理项目 (APL-02/04/07): related cases grouped under a lead unit. `category_id` and the linked
 * appeal ids point into the appeals module without foreign keys (only core tables are referenced
 * across modules).
 */
export const govProject = pgTable(
  'gov_project',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    /** XM-<region>-<yyyy>-<seq3>. */
    code: text('code').notNull(),
    title: text('title').notNull(),
    categoryId: uuid('category_id').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    leadUnitId: uuid('lead_unit_id')
      .notNull()
      .references(() => organisation.id),
    coUnitIds: uuid('co_unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    level: text('level', { enum: PROJECT_LEVELS }).notNull().default('district_department'),
    concentrated: boolean('concentrated').notNull().default(false),
    crossRegion: boolean('cross_region').notNull().default(false),
    crossDepartment: boolean('cross_department').notNull().default(false),
    state: text('state', { enum: PROJECT_STATES }).notNull().default('draft'),
    plan: text('plan').notNull().default(''),
    /** The shared reply sent to every case resolved with the project. */
    reply: text('reply'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    escalatedAt: ts('escalated_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    uniqueIndex('gov_project_code_idx').on(t.code),
    index('gov_project_region_idx').on(t.regionCode, t.state),
    index('gov_project_lead_idx').on(t.leadUnitId),
  ],
);

/** A case 诉求 linked to a project. One open project per case (checked by the service). */
export const govProjectCase = pgTable(
  'gov_project_case',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => govProject.id),
    appealId: uuid('appeal_id').notNull(),
    addedAt: ts('added_at').notNull().defaultNow(),
    addedBy: uuid('added_by').references(() => appUser.id),
  },
  (t) => [
    uniqueIndex('gov_project_case_pk_idx').on(t.projectId, t.appealId),
    index('gov_project_case_appeal_idx').on(t.appealId),
  ],
);

export const govProjectMilestone = pgTable(
  'gov_project_milestone',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    projectId: uuid('project_id')
      .notNull()
      .references(() => govProject.id),
    title: text('title').notNull(),
    dueDate: date('due_date'),
    doneAt: ts('done_at'),
    doneBy: uuid('done_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('gov_project_milestone_project_idx').on(t.projectId)],
);

export const govProjectProgress = pgTable(
  'gov_project_progress',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    projectId: uuid('project_id')
      .notNull()
      .references(() => govProject.id),
    note: text('note').notNull(),
    byId: uuid('by_id').references(() => appUser.id),
    byName: text('by_name'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('gov_project_progress_project_idx').on(t.projectId, t.at)],
);

/** 上报 / 动员 / 协调 (APL-07), each with its target unit. */
export const govProjectAction = pgTable(
  'gov_project_action',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    projectId: uuid('project_id')
      .notNull()
      .references(() => govProject.id),
    kind: text('kind', { enum: PROJECT_ACTION_KINDS }).notNull(),
    targetOrgId: uuid('target_org_id').references(() => organisation.id),
    /** The target's name as logged (also for a unit outside the organisation tree). */
    targetName: text('target_name').notNull(),
    note: text('note').notNull().default(''),
    byId: uuid('by_id').references(() => appUser.id),
    byName: text('by_name'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('gov_project_action_project_idx').on(t.projectId, t.at)],
);
