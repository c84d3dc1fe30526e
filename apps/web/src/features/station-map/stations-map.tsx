import type { StationFeatureProperties } from '@nuanxin/shared';
import { STATION_LABELS, type StationLabelLocale } from '@nuanxin/shared/stations.labels';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MapCluster, type MapPoint, MapView } from '../../components/map';
import { useStationLayer } from './layer-client';
import { type LatLng, LIVE_COLORS, type StationFilters } from './model';

/** Performance mark set when the stations layer is first drawn (read by bench/stations-map.ts). */
export const STATIONS_READY_MARK = 'nx:stations-map-ready';

export interface StationsMapProps {
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
 * The stations layer: every station of the GeoJSON feed that passes the filters, coloured by kind
 * (grey when closed, a red ring when full). The feed is downloaded, parsed, filtered and
 * clustered in a Web Worker (layer.worker.ts); the page draws only the clusters and stations of
 * the view, asked again after each move. The wrapper carries `data-ready="true"` and the
 * performance mark {@link STATIONS_READY_MARK} once the first markers are drawn.
 */
export function StationsMap(props: StationsMapProps) {
  const { t, i18n } = useTranslation();
  const locale: StationLabelLocale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { filters, onOpen } = props;
  const layer = useStationLayer(filters);
  const [ready, setReady] = useState(false);
  const marked = useRef(false);

  // The stations drawn so far (an open popup keeps its content when its marker joins a cluster).
  const seen = useRef(new Map<string, StationFeatureProperties>());
  const byId = useMemo(() => {
    const m = seen.current;
    if (m.size > 5000) m.clear();
    for (const p of layer.view?.points ?? []) m.set(p.id, p.props);
    return new Map(m);
  }, [layer.view]);
  const points = useMemo<MapPoint[]>(
    () =>
      (layer.view?.points ?? []).map((p) => ({
        id: p.id,
        lat: p.lat,
        lng: p.lng,
        label: p.label,
        color: p.color,
        alert: p.alert,
      })),
    [layer.view],
  );
  const clusters = useMemo<MapCluster[]>(
    () =>
      (layer.view?.clusters ?? []).map((c) => ({
        lat: c.lat,
        lng: c.lng,
        count: c.count,
        alert: c.alert,
        bounds: c.bounds,
      })),
    [layer.view],
  );

  const onDrawn = useCallback(
    (count: number) => {
      if (marked.current || !layer.view) return;
      if (count === 0 && points.length + clusters.length > 0) return;
      marked.current = true;
      // After the frame that shows them.
      requestAnimationFrame(() => {
        performance.mark(STATIONS_READY_MARK);
        setReady(true);
      });
    },
    [layer.view, points.length, clusters.length],
  );

  // Each cluster marker's title, on every render of the map: i18next's plural lookup and
  // interpolation for each was a measurable part of the first render, so each count is made once
  // per language.
  const clusterTitle = useMemo(() => {
    const made = new Map<number, string>();
    return (count: number) => {
      let title = made.get(count);
      if (title === undefined) {
        title = t('stationMap.cluster', { count });
        made.set(count, title);
      }
      return title;
    };
  }, [t]);

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
      data-count={layer.total ?? 0}
      className="nx-st-map-fill"
    >
      <MapView
        ariaLabel={t('stationMap.mapLabel')}
        points={points}
        clusters={clusters}
        clusterAbove={Number.POSITIVE_INFINITY}
        height="100%"
        center={props.center}
        zoom={props.zoom}
        panTo={props.panTo}
        myLocation={props.myLocation}
        renderPopup={renderPopup}
        onViewChange={layer.setView}
        reportOpeningView
        onTilesFailed={props.onTilesFailed}
        fallbackNotice={t('stationMap.tilesFailed')}
        clusterTitle={clusterTitle}
        onDrawn={onDrawn}
      />
      {layer.status === 'error' ? (
        <div className="nx-st-layer-error" role="alert">
          <span>{t('stationMap.layerFailed')}</span>
          <button type="button" onClick={layer.retry}>
            {t('common.retry')}
          </button>
        </div>
      ) : layer.status === 'loading' && !layer.view ? (
        <div className="nx-st-layer-loading" role="status">
          {t('stationMap.layerLoading')}
        </div>
      ) : null}
    </div>
  );
}
