import fastifyMultipart from '@fastify/multipart';
import { fileIdParams, PHOTO_MAX_BYTES, uploadedPhotoSchema } from '@nuanxin/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf, requireAuth } from '../../platform/auth/plugin.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, validation } from '../../platform/http/errors.ts';
import { createFilesService, type FilesService, type ReadableFile } from './files.service.ts';

/** Multipart limits: one file part, a few small fields at most, nothing else read. */
const MULTIPART_LIMITS = {
  fileSize: PHOTO_MAX_BYTES,
  files: 1,
  fields: 4,
  fieldSize: 1024,
  parts: 5,
  headerPairs: 100,
};

const uploadHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('The same key from the same user returns the photo stored the first time (200)'),
});

/** busboy's limit errors, in the error envelope. */
function multipartError(err: unknown): unknown {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError('file.too_large', 'The file is larger than 10 MB', { maxBytes: PHOTO_MAX_BYTES });
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return validation('Send one photo per request');
  return err;
}

/** The bytes of the one file part. The part's file name and Content-Type are never looked at. */
async function readOneFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart())
    throw validation('Send the photo as multipart/form-data', [
      { path: 'body', message: 'multipart expected' },
    ]);
  let file: Buffer | null = null;
  try {
    // The whole body is walked, so a second file is refused rather than silently dropped.
    for await (const part of req.parts({ limits: MULTIPART_LIMITS })) {
      if (part.type !== 'file') continue;
      if (file) throw validation('Send one photo per request');
      file = await part.toBuffer();
    }
  } catch (err) {
    throw multipartError(err);
  }
  if (!file) throw validation('No file in the request', [{ path: 'body.file', message: 'required' }]);
  return file;
}

/**
 * Photo uploads and downloads (docs/files.md). Coarse check here (signed in), the rules in the
 * service: who may upload, the quota, who may read.
 */
export function filesRoutes(deps: PlatformDeps, svc?: FilesService): FastifyPluginAsyncZod {
  const service = svc ?? createFilesService(deps);
  const { settings } = service;

  function send(req: FastifyRequest, reply: FastifyReply, file: ReadableFile, variant: 'data' | 'thumb') {
    const { meta } = file;
    const etag = `"${meta.sha256}${variant === 'thumb' ? '-thumb' : ''}"`;
    // Bytes of an id never change: the browser may keep them, but no shared cache may.
    reply
      .header('content-type', meta.contentType)
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-disposition',
        `inline; filename="${meta.id}${variant === 'thumb' ? '-thumb' : ''}.jpg"`,
      )
      .header('cache-control', `private, max-age=${settings.cacheMaxAgeSeconds}, immutable`)
      .header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return file.load().then((bytes) => reply.send(bytes));
  }

  return async (app) => {
    // Only this plugin parses multipart bodies; every other route keeps refusing them.
    await app.register(fastifyMultipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });

    app.post(
      '/files/photos',
      {
        onRequest: requireAuth,
        config: {
          rateLimit: {
            max: settings.uploadsPerMinute,
            timeWindow: '1 minute',
            // Runs after authentication: counted per person, per address when signed out.
            keyGenerator: (req: FastifyRequest) => req.actor?.userId ?? req.ip,
          },
        },
        schema: {
          operationId: 'files.uploadPhoto',
          tags: ['files'],
          summary:
            'Upload one photo (multipart/form-data, one file part, ≤ 10 MB): JPEG, PNG, WebP, GIF (first frame) or HEIF the server can decode; stored re-encoded as JPEG without metadata',
          consumes: ['multipart/form-data'],
          headers: uploadHeaders,
          response: { 200: uploadedPhotoSchema, 201: uploadedPhotoSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        service.assertMayUpload(actor);
        const bytes = await readOneFile(req);
        const r = await service.uploadPhoto(actor, metaOf(req), bytes, req.headers['idempotency-key']);
        return reply.status(r.created ? 201 : 200).send(r.photo);
      },
    );

    app.get(
      '/files/:id',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'files.get',
          tags: ['files'],
          summary: 'The stored photo (image/jpeg): the uploader, or whoever may see its case; 404 otherwise',
          params: fileIdParams,
        },
      },
      async (req, reply) => send(req, reply, await service.read(actorOf(req), req.params.id, 'data'), 'data'),
    );

    app.get(
      '/files/:id/thumb',
      {
        onRequest: requireAuth,
        schema: {
          operationId: 'files.thumb',
          tags: ['files'],
          summary: 'The photo’s thumbnail (image/jpeg, at most 320 px), same access as the photo',
          params: fileIdParams,
        },
      },
      async (req, reply) =>
        send(req, reply, await service.read(actorOf(req), req.params.id, 'thumb'), 'thumb'),
    );
  };
}
