import { PlusOutlined } from '@ant-design/icons';
import { STATION_PHOTOS_MAX, type StationDetailDto } from '@nuanxin/shared';
import { App, Card, Image, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { CasePhotos } from '../files/admin-photos';
import { PHOTO_MAX_BYTES, uploadPhoto } from '../files/api';
import { useSetStationPhotos } from './api';

/**
 * 阵地照片 (POS-01): what the worker's station page shows. Managers add photos (uploaded, then set
 * on the station in one request), drag nothing — the order is the upload order — and remove
 * them; others see the thumbnails.
 */
export function StationPhotosCard({ station, canEdit }: { station: StationDetailDto; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setPhotos = useSetStationPhotos(station.id);
  const [uploading, setUploading] = useState<UploadFile[]>([]);
  const [preview, setPreview] = useState<string | null>(null);
  const ids = station.photos.map((p) => p.id);

  const fileList: UploadFile[] = [
    ...station.photos.map(
      (p, i): UploadFile => ({
        uid: p.id,
        name: t('stationConsole.photos.alt', { n: i + 1 }),
        status: 'done',
        url: p.url,
        thumbUrl: p.thumbUrl,
      }),
    ),
    ...uploading,
  ];

  return (
    <Card
      size="small"
      title={t('stationConsole.photos.title')}
      extra={
        <Typography.Text type="secondary">
          {t('stationConsole.photos.count', { n: station.photos.length, max: STATION_PHOTOS_MAX })}
        </Typography.Text>
      }
    >
      {canEdit ? (
        <>
          <Upload
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
            listType="picture-card"
            fileList={fileList}
            multiple
            aria-label={t('stationConsole.photos.add')}
            beforeUpload={(file) => {
              if (file.size > PHOTO_MAX_BYTES) {
                message.error(t('stationConsole.photos.tooLarge'));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError, onProgress }) => {
              const f = file as File & { uid: string };
              setUploading((u) => [...u, { uid: f.uid, name: f.name, status: 'uploading', percent: 0 }]);
              uploadPhoto(f, { onProgress: (x) => onProgress?.({ percent: Math.round(x * 100) }) })
                .then((up) =>
                  setPhotos.mutateAsync([...(setPhotos.data?.photos.map((p) => p.id) ?? ids), up.id]),
                )
                .then((d) => {
                  onSuccess?.(d);
                  message.success(t('stationConsole.photos.added'));
                })
                .catch((e: unknown) => {
                  onError?.(e as Error);
                  message.error(errorText(e));
                })
                .finally(() => setUploading((u) => u.filter((x) => x.uid !== f.uid)));
            }}
            onRemove={(f) =>
              setPhotos
                .mutateAsync(ids.filter((id) => id !== f.uid))
                .then(() => true)
                .catch((e: unknown) => {
                  message.error(errorText(e));
                  return false;
                })
            }
            onPreview={(f) => setPreview(f.url ?? null)}
          >
            {fileList.length >= STATION_PHOTOS_MAX ? null : (
              <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
                <PlusOutlined />
                <div style={{ marginTop: 8 }}>{t('stationConsole.photos.add')}</div>
              </button>
            )}
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('stationConsole.photos.hint')}
          </Typography.Text>
          {preview ? (
            <Image
              style={{ display: 'none' }}
              src={preview}
              preview={{ open: true, src: preview, onOpenChange: (open) => !open && setPreview(null) }}
            />
          ) : null}
        </>
      ) : (
        <CasePhotos photos={station.photos} />
      )}
    </Card>
  );
}
