import { AimOutlined } from '@ant-design/icons';
import { Button, InputNumber, Select, Space, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { gcj02ToWgs84, type LatLngLike, MapView, type MapViewport } from '../../components/map';

export type InputCrs = 'wgs84' | 'gcj02';

export interface LocationValue {
  lat: number | null;
  lng: number | null;
  /** The system `lat`/`lng` are in; the server converts GCJ-02 to WGS-84 on saving. */
  crs: InputCrs;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** The point in WGS-84 (what the map draws), or null while incomplete. */
export function wgsOf(v: LocationValue | undefined): LatLngLike | null {
  if (!v || v.lat === null || v.lng === null || !Number.isFinite(v.lat) || !Number.isFinite(v.lng))
    return null;
  const p = { lat: v.lat, lng: v.lng };
  return v.crs === 'gcj02' ? gcj02ToWgs84(p) : p;
}

/** The centre of a WGS-84 box `[minLng, minLat, maxLng, maxLat]`. */
export function bboxCentre(b: readonly [number, number, number, number]): LatLngLike {
  return { lat: (b[1] + b[3]) / 2, lng: (b[0] + b[2]) / 2 };
}

/**
 * Where a station is: latitude and longitude typed in (WGS-84, or GCJ-02 as picked on AMap) or
 * picked on the map by putting its centre crosshair on the spot (always WGS-84). Works without
 * base-map tiles: the coordinates can always be typed.
 */
export function LocationPicker({
  value,
  onChange,
  label,
  defaultCentre,
}: {
  value?: LocationValue;
  onChange?: (v: LocationValue) => void;
  /** The marker's name (the station's name). */
  label: string;
  /** Where the map opens when there is no point yet (WGS-84). */
  defaultCentre?: LatLngLike | undefined;
}) {
  const { t } = useTranslation();
  const v = value ?? { lat: null, lng: null, crs: 'wgs84' as const };
  const point = wgsOf(v);
  // The map opens on the point (or the default); afterwards it follows the user's panning.
  const [opening] = useState<LatLngLike | undefined>(() => point ?? defaultCentre);
  const centre = useRef<LatLngLike | null>(opening ?? null);
  // Re-centre the map on typed coordinates (not on a point picked from the map: it is there).
  const [typed, setTyped] = useState(0);
  const [picked, setPicked] = useState<LatLngLike | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const onViewChange = useCallback((view: MapViewport) => {
    centre.current = bboxCentre(view.bbox);
  }, []);
  const onTilesFailed = useCallback(() => setTilesFailed(true), []);

  const lat = point?.lat;
  const lng = point?.lng;
  const points = useMemo(
    () =>
      lat !== undefined && lng !== undefined
        ? [{ id: 'station', lat, lng, label: label || t('stationConsole.form.sectionLocation') }]
        : [],
    [lat, lng, label, t],
  );

  const type = (patch: Partial<LocationValue>) => {
    setPicked(null);
    setTyped((n) => n + 1);
    onChange?.({ ...v, ...patch });
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Space wrap size={[8, 8]}>
        <Space.Compact>
          <Space.Addon>{t('stationConsole.form.lat')}</Space.Addon>
          <InputNumber<number>
            aria-label={t('stationConsole.form.lat')}
            value={v.lat}
            min={-90}
            max={90}
            step={0.0001}
            precision={6}
            onChange={(lat) => type({ lat: lat ?? null })}
            style={{ width: 150 }}
          />
        </Space.Compact>
        <Space.Compact>
          <Space.Addon>{t('stationConsole.form.lng')}</Space.Addon>
          <InputNumber<number>
            aria-label={t('stationConsole.form.lng')}
            value={v.lng}
            min={-180}
            max={180}
            step={0.0001}
            precision={6}
            onChange={(lng) => type({ lng: lng ?? null })}
            style={{ width: 150 }}
          />
        </Space.Compact>
        <Select<InputCrs>
          aria-label={t('stationConsole.form.crs')}
          value={v.crs}
          onChange={(crs) => type({ crs })}
          style={{ width: 250 }}
          options={[
            { value: 'wgs84', label: t('stationConsole.form.crsWgs84') },
            { value: 'gcj02', label: t('stationConsole.form.crsGcj02') },
          ]}
        />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('stationConsole.form.crsHint')}
      </Typography.Text>
      <div style={{ position: 'relative' }}>
        <MapView
          ariaLabel={t('stationConsole.form.pickMapLabel')}
          height={280}
          points={points}
          center={opening}
          zoom={opening ? 16 : 12}
          fitKey={typed > 0 && point ? `typed-${typed}` : undefined}
          fitMaxZoom={16}
          onViewChange={onViewChange}
          onTilesFailed={onTilesFailed}
          fallbackNotice={t('stationConsole.form.pickFallback')}
        />
        {/* The crosshair: the map's centre is the point "设为阵地位置" takes. */}
        <div
          aria-hidden
          style={{
            position: 'absolute',
            left: '50%',
            top: '50%',
            width: 28,
            height: 28,
            marginLeft: -14,
            marginTop: -14,
            pointerEvents: 'none',
            zIndex: 900,
          }}
        >
          <span
            style={{ position: 'absolute', left: 13, top: 0, width: 2, height: 28, background: '#d4380d' }}
          />
          <span
            style={{ position: 'absolute', top: 13, left: 0, height: 2, width: 28, background: '#d4380d' }}
          />
        </div>
      </div>
      <Space wrap>
        <Button
          icon={<AimOutlined />}
          onClick={() => {
            const c = centre.current;
            if (!c) return;
            const p = { lat: round6(c.lat), lng: round6(c.lng) };
            setPicked(p);
            onChange?.({ lat: p.lat, lng: p.lng, crs: 'wgs84' });
          }}
        >
          {t('stationConsole.form.pickHere')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-live="polite">
          {picked
            ? t('stationConsole.form.picked', { lat: picked.lat.toFixed(6), lng: picked.lng.toFixed(6) })
            : tilesFailed
              ? t('stationConsole.form.pickFallback')
              : t('stationConsole.form.pickHint')}
        </Typography.Text>
      </Space>
    </Space>
  );
}
