import { Button, ProgressBar, Toast } from 'antd-mobile';
import { CameraOutline, CloseOutline, PictureOutline, RedoOutline } from 'antd-mobile-icons';
import { type ChangeEvent, type CSSProperties, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { PHOTOS_PER_CASE_MAX, uploadPhoto } from './api';
import { prepareForUpload } from './shrink';

/**
 * The worker app's photo picker: two big tap targets (camera, album), up to six thumbnails with
 * remove buttons, per-photo upload progress and a plain-language reason when the server refuses a
 * photo. Online, each photo is uploaded as soon as it is picked; offline it waits, and the form
 * hands its Blob to the offline queue.
 */

export type PhotoStatus = 'uploading' | 'done' | 'waiting' | 'rejected';

export interface PickedPhoto {
  key: string;
  blob: Blob;
  preview: string;
  status: PhotoStatus;
  progress: number;
  /** Server id once uploaded. */
  id?: string;
  /** Error code of the last failed upload. */
  error?: string;
}

let seq = 0;
const nextKey = () => `p${Date.now().toString(36)}${(seq++).toString(36)}`;

/** An answer worth waiting for (no network, a server fault, the per-minute limit), not a refusal. */
function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.status === 0 || err.status === 408 || err.status >= 500 || err.code === 'common.rate_limited';
}

/**
 * State of the picked photos. `keyPrefix` (the form's idempotency key) names each upload, so a
 * retried upload whose answer was lost is stored once.
 */
export function usePhotoPicker(opts: { online: boolean; keyPrefix: string; max?: number }) {
  const { online, keyPrefix } = opts;
  const max = opts.max ?? PHOTOS_PER_CASE_MAX;
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const current = useRef(photos);
  current.current = photos;

  const update = useCallback((key: string, patch: Partial<PickedPhoto>) => {
    setPhotos((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  }, []);

  const start = useCallback(
    (p: PickedPhoto) => {
      update(p.key, { status: 'uploading', progress: 0, error: undefined });
      uploadPhoto(p.blob, {
        idempotencyKey: `${keyPrefix}:${p.key}`,
        onProgress: (f) => update(p.key, { progress: Math.min(0.99, f) }),
      })
        .then((r) => update(p.key, { status: 'done', progress: 1, id: r.id }))
        .catch((err: unknown) =>
          update(p.key, {
            status: isTransient(err) ? 'waiting' : 'rejected',
            error: err instanceof ApiError ? err.code : 'unknown',
          }),
        );
    },
    [keyPrefix, update],
  );

  /** Adds what fits; returns how many files were left out (over the maximum). */
  const add = useCallback(
    async (files: readonly File[]): Promise<number> => {
      const room = max - current.current.length;
      const picked: PickedPhoto[] = [];
      for (const file of files.slice(0, Math.max(0, room))) {
        const isImage = file.type === '' || file.type.startsWith('image/');
        const blob = isImage ? await prepareForUpload(file) : file;
        picked.push({
          key: nextKey(),
          blob,
          preview: URL.createObjectURL(blob),
          status: isImage ? (online ? 'uploading' : 'waiting') : 'rejected',
          progress: 0,
          ...(isImage ? {} : { error: 'file.unsupported_type' }),
        });
      }
      setPhotos((ps) => [...ps, ...picked]);
      if (online) for (const p of picked) if (p.status === 'uploading') start(p);
      return files.length - picked.length;
    },
    [max, online, start],
  );

  const remove = useCallback((key: string) => {
    const p = current.current.find((x) => x.key === key);
    if (p) URL.revokeObjectURL(p.preview);
    setPhotos((ps) => ps.filter((x) => x.key !== key));
  }, []);

  const retry = useCallback(
    (key: string) => {
      const p = current.current.find((x) => x.key === key);
      if (p) start(p);
    },
    [start],
  );

  const reset = useCallback(() => {
    for (const p of current.current) URL.revokeObjectURL(p.preview);
    setPhotos([]);
  }, []);

  // Back online: photos picked offline start uploading while the form is still open.
  useEffect(() => {
    if (!online) return;
    for (const p of current.current) if (p.status === 'waiting') start(p);
  }, [online, start]);

  // Leaving the page: free the previews.
  useEffect(
    () => () => {
      for (const p of current.current) URL.revokeObjectURL(p.preview);
    },
    [],
  );

  return {
    photos,
    max,
    add,
    remove,
    retry,
    reset,
    uploading: photos.some((p) => p.status === 'uploading'),
    rejected: photos.some((p) => p.status === 'rejected'),
    waiting: photos.some((p) => p.status === 'waiting'),
    /** Ids of the uploaded photos, in the worker's order (complete only when nothing is pending). */
    ids: photos.map((p) => p.id).filter((x): x is string => Boolean(x)),
  };
}

export type PhotoPickerState = ReturnType<typeof usePhotoPicker>;

const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

const tapTarget: CSSProperties = {
  flex: 1,
  minHeight: 56,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  gap: 8,
  borderRadius: 12,
  border: '1.5px dashed #ff9c6e',
  background: '#fff7f2',
  color: '#d4380d',
  fontSize: 16,
  fontWeight: 600,
  cursor: 'pointer',
  position: 'relative',
};

function Thumb({
  p,
  n,
  onRemove,
  onRetry,
}: {
  p: PickedPhoto;
  n: number;
  onRemove: () => void;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const statusText =
    p.status === 'uploading'
      ? t('files.picker.uploading', { pct: Math.round(p.progress * 100) })
      : t(`files.picker.${p.status}`);
  return (
    <li style={{ listStyle: 'none', minWidth: 0 }}>
      <div
        style={{
          position: 'relative',
          aspectRatio: '1 / 1',
          borderRadius: 10,
          overflow: 'hidden',
          background: '#f5f5f5',
          outline: p.status === 'rejected' ? '2px solid #ff4d4f' : undefined,
        }}
      >
        <img
          src={p.preview}
          alt={t('files.picker.photoN', { n })}
          style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
        />
        <button
          type="button"
          onClick={onRemove}
          aria-label={t('files.picker.remove', { n })}
          style={{
            position: 'absolute',
            top: 2,
            right: 2,
            width: 36,
            height: 36,
            border: 0,
            borderRadius: 18,
            background: 'rgba(0,0,0,0.55)',
            color: '#fff',
            fontSize: 18,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            padding: 0,
          }}
        >
          <CloseOutline />
        </button>
        <div
          style={{
            position: 'absolute',
            left: 0,
            right: 0,
            bottom: 0,
            padding: '3px 6px 4px',
            background: p.status === 'rejected' ? 'rgba(207,19,34,0.85)' : 'rgba(0,0,0,0.5)',
            color: '#fff',
            fontSize: 12,
          }}
        >
          <span>{statusText}</span>
          {p.status === 'uploading' ? (
            <ProgressBar
              percent={Math.round(p.progress * 100)}
              aria-label={t('files.picker.progressLabel', { n })}
              style={{ '--fill-color': '#ffbb96', '--track-width': '3px', marginTop: 2 } as CSSProperties}
            />
          ) : null}
        </div>
      </div>
      {p.status === 'rejected' || (p.status === 'waiting' && p.error) ? (
        <div role="alert" style={{ color: '#cf1322', fontSize: 12, marginTop: 4, lineHeight: 1.35 }}>
          {p.status === 'rejected' ? errorText({ code: p.error ?? 'unknown' }) : null}
          {p.status === 'waiting' ? (
            <Button
              size="mini"
              fill="none"
              color="primary"
              onClick={onRetry}
              aria-label={t('files.picker.retry', { n })}
            >
              <RedoOutline /> {t('common.retry')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** The picker itself; the state comes from `usePhotoPicker`, so the form decides what to send. */
export function PhotoPicker({
  state,
  id = 'photos',
  title,
}: {
  state: PhotoPickerState;
  id?: string;
  /** Heading; default 现场照片（选填，最多 6 张）. */
  title?: string;
}) {
  const { t } = useTranslation();
  const { photos, max } = state;
  const full = photos.length >= max;

  const onPick = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (!files.length) return;
    const left = await state.add(files);
    if (left > 0) Toast.show({ content: t('files.picker.tooMany', { max }) });
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <div id={`${id}-title`} style={{ fontSize: 15, fontWeight: 600, marginBottom: 4 }}>
        {title ?? t('files.picker.title', { max })}
      </div>
      <div style={{ fontSize: 12, color: '#8c6d60', marginBottom: 10 }}>{t('files.picker.hint')}</div>
      {photos.length ? (
        <ul
          aria-live="polite"
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
            gap: 8,
            padding: 0,
            margin: '0 0 10px',
          }}
        >
          {photos.map((p, i) => (
            <Thumb
              key={p.key}
              p={p}
              n={i + 1}
              onRemove={() => state.remove(p.key)}
              onRetry={() => state.retry(p.key)}
            />
          ))}
        </ul>
      ) : null}
      {full ? (
        <div style={{ fontSize: 13, color: '#8c6d60' }}>{t('files.picker.full', { max })}</div>
      ) : (
        <div style={{ display: 'flex', gap: 10 }}>
          <label style={tapTarget}>
            <input
              type="file"
              accept="image/*"
              capture="environment"
              aria-label={t('files.picker.cameraLabel')}
              style={visuallyHidden}
              onChange={(e) => void onPick(e)}
            />
            <CameraOutline fontSize={24} aria-hidden="true" />
            {t('files.picker.camera')}
          </label>
          <label style={tapTarget}>
            <input
              type="file"
              accept="image/*"
              multiple
              aria-label={t('files.picker.albumLabel')}
              style={visuallyHidden}
              onChange={(e) => void onPick(e)}
            />
            <PictureOutline fontSize={24} aria-hidden="true" />
            {t('files.picker.album')}
          </label>
        </div>
      )}
    </section>
  );
}
