import { ORG_KINDS, REGION_LEVELS } from '@nuanxin/shared';
import { type AnyPgColumn, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';

/**
 * Administrative regions, GB/T 2260 (6 digits) and statistical township codes (9 digits), with
 * validity dates because codes change when districts merge (design/china.md §4.1).
 */
export const region = pgTable(
  'region',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: REGION_LEVELS }).notNull(),
    parentCode: text('parent_code').references((): AnyPgColumn => region.code),
    effectiveFrom: date('effective_from'),
    effectiveTo: date('effective_to'),
  },
  (t) => [index('region_parent_idx').on(t.parentCode)],
);

/**
 * The organisation tree. `path` is the materialised path `/<id>/<id>/…/` of ids from the root,
 * so "this organisation and everything below it" is one indexed prefix match.
 */
export const organisation = pgTable(
  'organisation',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisation.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    path: text('path').notNull(),
    depth: integer('depth').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organisation_path_idx').using('btree', t.path.op('text_pattern_ops')),
    index('organisation_parent_idx').on(t.parentId),
    index('organisation_region_idx').on(t.regionCode),
    index('organisation_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);
