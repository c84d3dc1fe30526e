import crypto from 'node:crypto';
import { permissionsOf, type Role } from '@nuanxin/shared';
import sharp from 'sharp';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  type AuthzCase,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { createAppealsService } from '../appeals/index.ts';
import { createGreenChannelService } from '../green-channel/index.ts';
import { createFilesService } from './files.service.ts';

/**
 * Authorisation matrix cases for the files routes. Uploading is open to whoever files cases;
 * reading a photo follows the case it is attached to: an appeal dispatched in 市中区 (`in`) or
 * 沙湾区 (`out`) for the photo itself, a submitted green-channel claim for the thumbnail. Targets
 * belong to worker2, so the acting worker (worker1) never sees them.
 */

function need(map: Record<string, string>, key: string): string {
  const v = map[key];
  if (!v) throw new Error(`authz world lacks ${key}`);
  return v;
}

function actor(
  userId: string,
  role: Role,
  grant: { orgId?: string; orgPath?: string; regionCode?: string } = {},
): Actor {
  const staff = role !== 'worker';
  return {
    userId,
    name: role,
    kind: staff ? 'staff' : 'worker',
    isPartyMember: false,
    grants: staff
      ? [
          {
            id: `authz-${role}`,
            role,
            orgId: grant.orgId ?? null,
            orgPath: grant.orgPath ?? null,
            regionCode: grant.regionCode ?? null,
          },
        ]
      : [],
    roles: [role],
    permissions: new Set(permissionsOf([role])),
    sessionId: null,
    tokenId: null,
  };
}

let jpeg: Promise<Buffer> | null = null;
const smallJpeg = () => {
  jpeg ??= sharp({ create: { width: 32, height: 24, channels: 3, background: '#d4380d' } })
    .jpeg()
    .toBuffer();
  return jpeg;
};

/** A photo of worker2's (the matrix makes many: no daily quota here). */
async function photoOfWorker2(w: AuthzWorld): Promise<{ rider: Actor; photoId: string }> {
  const rider = actor(need(w.users, 'worker2'), 'worker');
  const files = createFilesService(w.deps, { settings: { dailyUploadsWorker: 1_000_000 } });
  const { photo } = await files.uploadPhoto(rider, null, await smallJpeg());
  return { rider, photoId: photo.id };
}

/** A photo on an appeal dispatched to the market regulator (`in`) or a 沙湾镇 community (`out`). */
async function appealPhoto(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const { rider, photoId } = await photoOfWorker2(w);
  const appeals = createAppealsService(w.deps);
  const region = scope === 'in' ? w.regions.in : w.regions.out;
  const categories = await appeals.categories();
  const category = categories.find((c) => c.code === 'env.parking');
  if (!category) throw new Error('demo categories missing');
  const id = await appeals.fileQuietly(rider, {
    type: 'help',
    categoryId: category.id,
    urgency: 'normal',
    description: '矩阵测试：附照片的诉求',
    regionCode: region,
    privacy: 'private',
    anonymous: false,
    photoIds: [photoId],
  });
  const dispatcher = actor(need(w.users, 'szq.dispatch'), 'dispatcher', { regionCode: region });
  await appeals.perform(dispatcher, id, 'dispatch', {
    unitId: need(w.orgs, scope === 'in' ? 'szq.scjg' : 'swq.shawan.c1'),
  });
  return photoId;
}

/** A photo on a submitted green-channel claim in 市中区 (`in`) or 沙湾区 (`out`). */
async function claimPhoto(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const { rider, photoId } = await photoOfWorker2(w);
  await createGreenChannelService(w.deps).fileClaim(rider, null, {
    platformOrgId: need(w.orgs, 'platform.meituan'),
    regionCode: scope === 'in' ? '511102004' : '511111100',
    orderNos: ['MT-AUTHZ-PHOTO'],
    orderAt: new Date(Date.now() - 3_600_000).toISOString(),
    delayMinutes: 30,
    fineFen: 2000,
    cause: 'extreme_weather',
    reason: '矩阵测试：暴雨导致配送超时被罚款',
    evidencePhotoIds: [photoId],
  });
  return photoId;
}

/** One JPEG as multipart/form-data. */
async function uploadRequest() {
  const boundary = `----authz${crypto.randomBytes(6).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    await smallJpeg(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    url: '/api/v1/files/photos',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const filesAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/files/photos',
    request: () => uploadRequest(),
    // Whoever files appeals or green-channel claims, or manages stations (their photos); the
    // region plays no part in an upload.
    expect: expectRoles(403, {
      anonymous: 401,
      worker: 201,
      community_staff: 201,
      dispatcher: 201,
      district_admin: 201,
    }),
  },
  {
    route: 'GET /api/v1/files/:id',
    request: async (w, scope) => ({ url: `/api/v1/files/${await appealPhoto(w, scope)}` }),
    // Exactly who may open the case (GET /appeals/:id); everyone else gets 404, not 403.
    expect: expectRoles(404, {
      anonymous: 401,
      department_handler: [200, 404],
      dispatcher: [200, 404],
      industry_committee_admin: [404, 200],
      district_admin: [200, 404],
    }),
  },
  {
    route: 'GET /api/v1/files/:id/thumb',
    request: async (w, scope) => ({ url: `/api/v1/files/${await claimPhoto(w, scope)}/thumb` }),
    // Who may open the claim: the officer (the market regulator's handler, or the district's
    // dispatcher) and the district's readers; the platform only once noticed.
    expect: expectRoles(404, {
      anonymous: 401,
      department_handler: [200, 404],
      dispatcher: [200, 404],
      district_admin: [200, 404],
    }),
  },
];
