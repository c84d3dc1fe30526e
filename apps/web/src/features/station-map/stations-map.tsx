import type { StationFeatureProperties, StationsGeoJsonDto } from '@nuanxin/shared';
import { STATION_LABELS, type StationLabelLocale } from '@nuanxin/shared/stations.labels';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MapPoint, MapView } from '../../components/map';
import { featurePoints, type LatLng, LIVE_COLORS, type StationFilters } from './model';

/** Performance mark set when the stations layer is first drawn (read by bench/stations-map.ts). */
export const STATIONS_READY_MARK = 'nx:stations-map-ready';

export interface StationsMapProps {
  feed: StationsGeoJsonDto | undefined;
  filters: Pick<StationFilters, 'services' | 'openNow'>;
  center: LatLng;
  zoom: number;
  panTo: (LatLng & { zoom?: number; key: string }) | null;
  myLocation: (LatLng & { accuracy?: number }) | null;
  onOpen: (id: string) => void;
  onTilesFailed: () => void;
}

function Popup({
  p,
  locale,
  onOpen,
}: {
  p: StationFeatureProperties;
  locale: StationLabelLocale;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const labels = STATION_LABELS[locale];
  const open = p.openNow && p.liveStatus !== 'closed_now';
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <strong style={{ fontSize: 15, lineHeight: 1.4 }}>{p.name}</strong>
      <span style={{ color: '#6b4a3a' }}>
        {labels.kind[p.kind]} ·{' '}
        <span style={{ color: open ? '#389e0d' : '#8c8c8c' }}>
          {open ? t('stationMap.open') : t('stationMap.closed')}
        </span>
        {p.liveStatus === 'closed_now' || (open && p.liveStatus !== 'open') ? (
          <span style={{ color: LIVE_COLORS[p.liveStatus] }}> · {labels.liveStatus[p.liveStatus]}</span>
        ) : null}
      </span>
      <span style={{ color: '#8c6d60', fontSize: 12 }}>{p.hoursText}</span>
      <button type="button" className="nx-st-popup-open" onClick={() => onOpen(p.id)}>
        {t('stationMap.viewDetails')}
      </button>
    </div>
  );
}

/**
 * The stations layer: every station of the GeoJSON feed that passes the filters, clustered by
 * the shared map component, coloured by kind (grey when closed, a red ring when full). The
 * wrapper carries `data-ready="true"` and the performance mark {@link STATIONS_READY_MARK} once
 * the first markers are drawn.
 */
export function StationsMap(props: StationsMapProps) {
  const { t, i18n } = useTranslation();
  const locale: StationLabelLocale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { feed, filters, onOpen } = props;
  const [ready, setReady] = useState(false);
  const marked = useRef(false);

  const byId = useMemo(() => {
    const m = new Map<string, StationFeatureProperties>();
    for (const f of feed?.features ?? []) m.set(f.properties.id, f.properties);
    return m;
  }, [feed]);
  const points = useMemo<MapPoint[]>(
    () => (feed ? featurePoints(feed.features, filters) : []),
    [feed, filters],
  );

  const onDrawn = useCallback(
    (count: number) => {
      if (marked.current || !feed) return;
      if (count === 0 && points.length > 0) return;
      marked.current = true;
      // After the frame that shows them.
      requestAnimationFrame(() => {
        performance.mark(STATIONS_READY_MARK);
        setReady(true);
      });
    },
    [feed, points.length],
  );

  const renderPopup = useCallback(
    (pt: MapPoint) => {
      const p = byId.get(pt.id);
      return p ? <Popup p={p} locale={locale} onOpen={onOpen} /> : pt.label;
    },
    [byId, locale, onOpen],
  );

  return (
    <div
      data-testid="stations-map"
      data-ready={ready ? 'true' : 'false'}
      data-count={points.length}
      className="nx-st-map-fill"
    >
      <MapView
        ariaLabel={t('stationMap.mapLabel')}
        points={points}
        height="100%"
        center={props.center}
        zoom={props.zoom}
        panTo={props.panTo}
        myLocation={props.myLocation}
        renderPopup={renderPopup}
        onTilesFailed={props.onTilesFailed}
        fallbackNotice={t('stationMap.tilesFailed')}
        clusterTitle={(count) => t('stationMap.cluster', { count })}
        onDrawn={onDrawn}
      />
    </div>
  );
}
