import type { PhotoRefDto, UploadedPhotoDto } from '@nuanxin/shared';
import { csrfToken } from '../../lib/api-client';
import { ApiError, NETWORK_ERROR_CODE, toApiError } from '../../lib/api-error';

export { PHOTO_MAX_BYTES, PHOTOS_PER_CASE_MAX } from '@nuanxin/shared';
export type PhotoRef = PhotoRefDto;
export type UploadedPhoto = UploadedPhotoDto;

export const PHOTOS_URL = '/api/v1/files/photos';

/**
 * Uploads one photo (multipart, field `file`). XMLHttpRequest rather than fetch: it reports upload
 * progress. Errors are ApiErrors like the JSON client's (status 0: no answer).
 */
export function uploadPhoto(
  blob: Blob,
  opts: { idempotencyKey?: string; onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<UploadedPhoto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', PHOTOS_URL);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    if (opts.idempotencyKey) xhr.setRequestHeader('idempotency-key', opts.idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && opts.onProgress) opts.onProgress(e.loaded / e.total);
    };
    const noAnswer = () =>
      reject(new ApiError({ code: NETWORK_ERROR_CODE, status: 0, message: 'network error' }));
    xhr.onerror = noAnswer;
    xhr.ontimeout = noAnswer;
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadedPhoto);
      else reject(toApiError(xhr.status, body, xhr.getResponseHeader('x-request-id')));
    };
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    // The server ignores the name: it reads the type from the bytes and names the file itself.
    form.append('file', blob, 'photo');
    xhr.send(form);
  });
}
