import {
  catalogueCategoriesReply,
  catalogueCategorySchema,
  catalogueGapsQuery,
  catalogueGapsReply,
  catalogueIdParams,
  catalogueRegionsReply,
  createCatalogueCategoryBody,
  createDispatchRuleBody,
  dispatchProposalQuery,
  dispatchProposalReply,
  dispatchRuleSchema,
  dispatchRulesQuery,
  dispatchRulesReply,
  okSchema,
  reorderCategoriesBody,
  updateCatalogueCategoryBody,
  updateDispatchRuleBody,
} from '@nuanxin/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { type CatalogueService, createCatalogueService } from './appeals.catalogue.service.ts';

/**
 * Categories 诉求分类 and the dispatch catalogue 派单目录 (docs/contract-appeals.md). Coarse
 * permission here; region scope and tree rules in the service.
 */
export function appealsCatalogueRoutes(deps: PlatformDeps, svc?: CatalogueService): FastifyPluginAsyncZod {
  const service = svc ?? createCatalogueService(deps);
  const manage = requirePermission('appeals.manage_catalogue');
  const tags = ['appeals'];
  const emptyBody = z.object({}).optional().describe('No fields');
  return async (app) => {
    app.get(
      '/appeal-catalogue/categories',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueCategories',
          tags,
          summary: 'The whole category tree, disabled categories included, with case and rule counts',
          response: { 200: catalogueCategoriesReply },
        },
      },
      async (req) => service.listCategories(actorOf(req)),
    );

    app.post(
      '/appeal-catalogue/categories',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueCreateCategory',
          tags,
          summary: 'Add an area, or a problem below an area (unique code, two levels)',
          body: createCatalogueCategoryBody,
          response: { 201: catalogueCategorySchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createCategory(actorOf(req), metaOf(req), req.body)),
    );

    app.post(
      '/appeal-catalogue/categories/reorder',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueReorderCategories',
          tags,
          summary: 'Order the children of one parent (every child exactly once)',
          body: reorderCategoriesBody,
          response: { 200: catalogueCategoriesReply },
        },
      },
      async (req) => service.reorder(actorOf(req), metaOf(req), req.body),
    );

    app.patch(
      '/appeal-catalogue/categories/:id',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueUpdateCategory',
          tags,
          summary: 'Rename, change the filing flag or radius, or move below another area (the code stays)',
          params: catalogueIdParams,
          body: updateCatalogueCategoryBody,
          response: { 200: catalogueCategorySchema },
        },
      },
      async (req) => service.updateCategory(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.post(
      '/appeal-catalogue/categories/:id/disable',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueDisableCategory',
          tags,
          summary: 'Hide from filing forms and refuse new cases; existing cases keep the category',
          params: catalogueIdParams,
          body: emptyBody,
          response: { 200: catalogueCategorySchema },
        },
      },
      async (req) => service.setEnabled(actorOf(req), metaOf(req), req.params.id, false),
    );

    app.post(
      '/appeal-catalogue/categories/:id/enable',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueEnableCategory',
          tags,
          summary: 'Offer a disabled category for filing again',
          params: catalogueIdParams,
          body: emptyBody,
          response: { 200: catalogueCategorySchema },
        },
      },
      async (req) => service.setEnabled(actorOf(req), metaOf(req), req.params.id, true),
    );

    app.delete(
      '/appeal-catalogue/categories/:id',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueDeleteCategory',
          tags,
          summary: 'Delete a category never used (no cases, no children); otherwise 409 — disable it',
          params: catalogueIdParams,
          response: { 200: okSchema },
        },
      },
      async (req) => service.deleteCategory(actorOf(req), metaOf(req), req.params.id),
    );

    app.get(
      '/appeal-catalogue/regions',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueRegions',
          tags,
          summary: 'The counties whose dispatch rules the actor manages',
          response: { 200: catalogueRegionsReply },
        },
      },
      async (req) => service.regions(actorOf(req)),
    );

    app.get(
      '/appeal-catalogue/rules',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueRules',
          tags,
          summary: 'Dispatch rules (category × region → default lead unit) of the actor’s regions',
          querystring: dispatchRulesQuery,
          response: { 200: dispatchRulesReply },
        },
      },
      async (req) => service.listRules(actorOf(req), req.query),
    );

    app.post(
      '/appeal-catalogue/rules',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueCreateRule',
          tags,
          summary: 'Add a rule: the default lead unit of a category in a region the actor manages',
          body: createDispatchRuleBody,
          response: { 201: dispatchRuleSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createRule(actorOf(req), metaOf(req), req.body)),
    );

    app.patch(
      '/appeal-catalogue/rules/:id',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueUpdateRule',
          tags,
          summary: 'Change the default lead unit of a rule',
          params: catalogueIdParams,
          body: updateDispatchRuleBody,
          response: { 200: dispatchRuleSchema },
        },
      },
      async (req) => service.updateRule(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.delete(
      '/appeal-catalogue/rules/:id',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueDeleteRule',
          tags,
          summary: 'Remove a rule: cases of that category are then dispatched by hand',
          params: catalogueIdParams,
          response: { 200: okSchema },
        },
      },
      async (req) => service.deleteRule(actorOf(req), metaOf(req), req.params.id),
    );

    app.get(
      '/appeal-catalogue/gaps',
      {
        onRequest: manage,
        schema: {
          operationId: 'appeals.catalogueGaps',
          tags,
          summary: '未配置: categories of a region without a rule (their cases are dispatched by hand)',
          querystring: catalogueGapsQuery,
          response: { 200: catalogueGapsReply },
        },
      },
      async (req) => service.gaps(actorOf(req), req.query.regionCode),
    );

    app.get(
      '/appeal-catalogue/proposal',
      {
        onRequest: requirePermission('appeals.dispatch'),
        schema: {
          operationId: 'appeals.catalogueProposal',
          tags,
          summary: 'The default lead unit the catalogue proposes for a category in a region (or none)',
          querystring: dispatchProposalQuery,
          response: { 200: dispatchProposalReply },
        },
      },
      async (req) => service.proposal(req.query.categoryId, req.query.regionCode),
    );
  };
}
