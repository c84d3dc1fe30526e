import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, metaOf, requirePermission } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import {
  clustersQuery,
  clustersReply,
  createProjectBody,
  emptyBody,
  linkCasesBody,
  logActionBody,
  milestoneBody,
  noteBody,
  progressBody,
  projectCaseParams,
  projectDetailSchema,
  projectIdParams,
  projectMilestoneParams,
  projectsListQuery,
  projectsListReply,
  reasonBody,
  resolveProjectBody,
  resolveProjectReply,
  suggestionsQuery,
  suggestionsReply,
  updateProjectBody,
} from './projects.schemas.ts';
import { createProjectsService, type ProjectsService } from './projects.service.ts';

const tags = ['projects'];
const detail = { 200: projectDetailSchema };

/** Governance projects 治理项目 (APL-02/04/07). Coarse checks here, policy in the service. */
export function projectsRoutes(deps: PlatformDeps, svc?: ProjectsService): FastifyPluginAsyncZod {
  const service = svc ?? createProjectsService(deps);
  return async (app) => {
    app.get(
      '/projects',
      {
        onRequest: requirePermission('projects.read'),
        schema: {
          operationId: 'projects.list',
          tags,
          summary: '治理项目清单: projects in the actor’s scope, by category',
          querystring: projectsListQuery,
          response: { 200: projectsListReply },
        },
      },
      async (req) => service.list(actorOf(req), req.query),
    );

    app.post(
      '/projects',
      {
        onRequest: requirePermission('projects.manage'),
        schema: {
          operationId: 'projects.create',
          tags,
          summary: 'Create a project from related cases; cross-cutting flags escalate at once',
          body: createProjectBody,
          response: { 201: projectDetailSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await service.create(actorOf(req), metaOf(req), req.body)),
    );

    app.get(
      '/projects/suggestions',
      {
        onRequest: requirePermission('projects.manage'),
        schema: {
          operationId: 'projects.suggestions',
          tags,
          summary: 'Open cases like this one: same category, nearby, similar text (jieba + pg_trgm)',
          querystring: suggestionsQuery,
          response: { 200: suggestionsReply },
        },
      },
      async (req) => service.suggestions(actorOf(req), req.query),
    );

    app.get(
      '/projects/clusters',
      {
        onRequest: requirePermission('projects.manage'),
        schema: {
          operationId: 'projects.clusters',
          tags,
          summary: 'Open cases of a region not in a project, grouped into proposed projects',
          querystring: clustersQuery,
          response: { 200: clustersReply },
        },
      },
      async (req) => service.clusters(actorOf(req), req.query),
    );

    app.get(
      '/projects/:id',
      {
        onRequest: requirePermission('projects.read'),
        schema: {
          operationId: 'projects.get',
          tags,
          summary: 'A project with cases, milestones, progress, the action log and the actor’s actions',
          params: projectIdParams,
          response: detail,
        },
      },
      async (req) => service.get(actorOf(req), req.params.id),
    );

    app.patch(
      '/projects/:id',
      {
        onRequest: requirePermission('projects.manage'),
        schema: {
          operationId: 'projects.update',
          tags,
          summary: 'Edit title, plan, units or flags (draft/active)',
          params: projectIdParams,
          body: updateProjectBody,
          response: detail,
        },
      },
      async (req) => service.update(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    const simple = [
      ['activate', 'draft → active'],
      ['close', '销号: resolved → closed'],
    ] as const;
    for (const [verb, summary] of simple)
      app.post(
        `/projects/:id/${verb}`,
        {
          onRequest: requirePermission('projects.manage'),
          schema: {
            operationId: `projects.${verb}`,
            tags,
            summary,
            params: projectIdParams,
            body: emptyBody,
            response: detail,
          },
        },
        async (req) => service[verb](actorOf(req), metaOf(req), req.params.id),
      );

    app.post(
      '/projects/:id/cancel',
      {
        onRequest: requirePermission('projects.manage'),
        schema: {
          operationId: 'projects.cancel',
          tags,
          summary: 'Cancel a draft or active project; its cases are free again',
          params: projectIdParams,
          body: reasonBody,
          response: detail,
        },
      },
      async (req) => service.cancel(actorOf(req), metaOf(req), req.params.id, req.body.reason),
    );

    app.post(
      '/projects/:id/escalate',
      {
        onRequest: requirePermission('projects.manage'),
        schema: {
          operationId: 'projects.escalate',
          tags,
          summary: 'Escalate a cross-cutting project to the industry committee or the city (APL-04)',
          params: projectIdParams,
          body: noteBody,
          response: detail,
        },
      },
      async (req) => service.escalate(actorOf(req), metaOf(req), req.params.id, req.body.note),
    );

    app.post(
      '/projects/:id/resolve',
      {
        onRequest: requirePermission('projects.progress'),
        schema: {
          operationId: 'projects.resolve',
          tags,
          summary: '解单: resolve every handling case with the shared reply; others are reported as skipped',
          params: projectIdParams,
          body: resolveProjectBody,
          response: { 200: resolveProjectReply },
        },
      },
      async (req) => service.resolve(actorOf(req), metaOf(req), req.params.id, req.body.reply),
    );

    app.post(
      '/projects/:id/cases',
      {
        onRequest: requirePermission('projects.manage'),
        schema: {
          operationId: 'projects.link',
          tags,
          summary: 'Link cases (each case belongs to at most one open project)',
          params: projectIdParams,
          body: linkCasesBody,
          response: detail,
        },
      },
      async (req) => service.link(actorOf(req), metaOf(req), req.params.id, req.body.appealIds),
    );

    app.delete(
      '/projects/:id/cases/:appealId',
      {
        onRequest: requirePermission('projects.manage'),
        schema: {
          operationId: 'projects.unlink',
          tags,
          summary: 'Unlink a case',
          params: projectCaseParams,
          response: detail,
        },
      },
      async (req) => service.unlink(actorOf(req), metaOf(req), req.params.id, req.params.appealId),
    );

    app.post(
      '/projects/:id/milestones',
      {
        onRequest: requirePermission('projects.manage'),
        schema: {
          operationId: 'projects.addMilestone',
          tags,
          summary: 'Add a milestone',
          params: projectIdParams,
          body: milestoneBody,
          response: detail,
        },
      },
      async (req) => service.addMilestone(actorOf(req), metaOf(req), req.params.id, req.body),
    );

    app.post(
      '/projects/:id/milestones/:milestoneId/complete',
      {
        onRequest: requirePermission('projects.read'),
        schema: {
          operationId: 'projects.completeMilestone',
          tags,
          summary: 'Mark a milestone done (lead unit or a manager)',
          params: projectMilestoneParams,
          body: emptyBody,
          response: detail,
        },
      },
      async (req) =>
        service.completeMilestone(actorOf(req), metaOf(req), req.params.id, req.params.milestoneId),
    );

    app.post(
      '/projects/:id/progress',
      {
        onRequest: requirePermission('projects.read'),
        schema: {
          operationId: 'projects.progress',
          tags,
          summary: 'Add a progress note (lead unit or a manager)',
          params: projectIdParams,
          body: progressBody,
          response: detail,
        },
      },
      async (req) => service.addProgress(actorOf(req), metaOf(req), req.params.id, req.body.note),
    );

    app.post(
      '/projects/:id/actions',
      {
        onRequest: requirePermission('projects.manage'),
        schema: {
          operationId: 'projects.logAction',
          tags,
          summary: '上报 / 动员 / 协调 with the target unit (APL-07)',
          params: projectIdParams,
          body: logActionBody,
          response: detail,
        },
      },
      async (req) => service.logAction(actorOf(req), metaOf(req), req.params.id, req.body),
    );
  };
}
