import { ImageViewer } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { PhotoRef } from './api';

/** A case's photos in the worker app: thumbnails in a grid; a tap opens them full screen. */
export function MobilePhotoGrid({ photos }: { photos: readonly PhotoRef[] }) {
  const { t } = useTranslation();
  if (!photos.length) return null;
  const open = (index: number) =>
    ImageViewer.Multi.show({ images: photos.map((p) => p.url), defaultIndex: index });
  return (
    <ul
      aria-label={t('files.view.count', { count: photos.length })}
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
        gap: 8,
        padding: 0,
        margin: 0,
        listStyle: 'none',
      }}
    >
      {photos.map((p, i) => (
        <li key={p.id} style={{ minWidth: 0 }}>
          <button
            type="button"
            onClick={() => open(i)}
            aria-label={t('files.view.open', { n: i + 1, total: photos.length })}
            style={{
              all: 'unset',
              display: 'block',
              width: '100%',
              aspectRatio: '1 / 1',
              borderRadius: 10,
              overflow: 'hidden',
              background: '#f5f5f5',
              cursor: 'pointer',
            }}
          >
            <img
              src={p.thumbUrl}
              alt={t('files.view.alt', { n: i + 1 })}
              loading="lazy"
              style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
            />
          </button>
        </li>
      ))}
    </ul>
  );
}
