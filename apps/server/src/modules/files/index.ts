import type { ModuleDefinition } from '../index.ts';
import { registerFilesJobs } from './files.jobs.ts';
import { filesRoutes } from './files.routes.ts';
import { createFilesService } from './files.service.ts';

/**
 * Photo uploads (docs/files.md). Other modules attach photos in their own filing transaction with
 * `attachPhotos`, show them with `photosOf`, and tell this module who may see their records with
 * `registerAttachmentTarget`.
 */
export const filesModule: ModuleDefinition = {
  name: 'files',
  routes: filesRoutes,
  async register(deps) {
    await registerFilesJobs(deps, createFilesService(deps));
  },
};

export { PHOTO_LIMITS, processPhoto } from './files.image.ts';
export { PURGE_UNATTACHED_JOB } from './files.jobs.ts';
export {
  attachPhotos,
  createFilesService,
  type FilesService,
  photoRef,
  photosOf,
  setAttachedPhotos,
} from './files.service.ts';
export { DEFAULT_FILES_SETTINGS, type FilesSettings } from './files.settings.ts';
export { ATTACHMENT_TYPES, type AttachmentType } from './files.tables.ts';
export { type CaseVisibility, registerAttachmentTarget } from './files.targets.ts';
