import type { Permission } from '@nuanxin/shared';
import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Who may upload and who may read a photo. Pure: the service loads the file's facts and asks the
 * owning module (through the attachment registry) whether the actor may see the case it belongs to.
 */

/**
 * Photos are evidence of a filing (whoever may file an appeal or a green-channel claim may upload)
 * or show a station (its managers).
 */
export const UPLOAD_PERMISSIONS: readonly Permission[] = [
  'appeals.create',
  'green_channel.file',
  'stations.manage',
];

export function mayUpload(actor: Pick<Actor, 'permissions'>): boolean {
  return UPLOAD_PERMISSIONS.some((p) => actor.permissions.has(p));
}

export interface FileFacts {
  ownerUserId: string;
  attachedToType: string | null;
  attachedToId: string | null;
}

/**
 * Read access: the uploader always; anyone else only through the case the file is attached to
 * (`caseVisible` is the owning module's answer, false when unattached). Otherwise the file does not
 * exist for the actor (404).
 */
export function mayRead(actor: Pick<Actor, 'userId'>, file: FileFacts, caseVisible: boolean): boolean {
  if (file.ownerUserId === actor.userId) return true;
  return file.attachedToId !== null && caseVisible;
}
