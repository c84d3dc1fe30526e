import { Image, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PhotoRef } from './api';

/** A case's photos in the console: thumbnails; a click opens the preview with the full image. */
export function CasePhotos({ photos }: { photos: readonly PhotoRef[] }) {
  const { t } = useTranslation();
  if (!photos.length) return <Typography.Text type="secondary">{t('files.view.none')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space size={8} wrap aria-label={t('files.view.count', { count: photos.length })}>
        {photos.map((p, i) => (
          <Image
            key={p.id}
            src={p.thumbUrl}
            preview={{ src: p.url }}
            width={104}
            height={104}
            alt={t('files.view.alt', { n: i + 1 })}
            style={{ objectFit: 'cover', borderRadius: 6 }}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
