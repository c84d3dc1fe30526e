/** Tunables of the files module; tests and the demo seed may override them. */
export interface FilesSettings {
  /** Uploads per person in any 24 hours: a worker files a few cases a day with up to six photos. */
  dailyUploadsWorker: number;
  /** Staff recording cases at intake upload more. */
  dailyUploadsStaff: number;
  /** Uploads per person per minute (route rate limit; per server process). */
  uploadsPerMinute: number;
  /** Unattached uploads older than this are deleted by the purge job. */
  unattachedTtlHours: number;
  /** Browsers may keep a photo this long (private cache only; the bytes of an id never change). */
  cacheMaxAgeSeconds: number;
}

export const DEFAULT_FILES_SETTINGS: FilesSettings = {
  dailyUploadsWorker: 50,
  dailyUploadsStaff: 200,
  uploadsPerMinute: 30,
  unattachedTtlHours: 24,
  cacheMaxAgeSeconds: 86_400,
};
