import 'leaflet/dist/leaflet.css';
import './map.css';
import type { MapConfigDto } from '@nuanxin/shared';
import L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Circle, MapContainer, Marker, Popup, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import {
  buildIndex,
  CLUSTER_MAX_ZOOM,
  clusterSize,
  type DisplayPoint,
  expansionZoom,
  itemsInView,
  safeColor,
  type ViewItem,
} from './cluster';
import { fromDisplay, type LatLngLike, type TileCrs, toDisplay } from './gcj02';
import type { MapCluster, MapViewProps } from './types';

/**
 * The Leaflet implementation behind `MapView` (loaded on demand: Leaflet, react-leaflet and
 * supercluster stay out of the entry chunk). Markers are `divIcon`s: no image assets, focusable,
 * named by their label. Points are clustered in the browser when there are many; clusters counted
 * by the server are drawn as they come.
 */

/** No tile loaded after this long: the basemap is taken as unreachable. */
const TILE_TIMEOUT_MS = 8_000;
/** This many tile errors before any success: unreachable. */
const TILE_ERRORS = 3;

type TileState = 'loading' | 'ok' | 'failed';

const iconCache = new Map<string, L.DivIcon>();
function cachedIcon(key: string, make: () => L.DivIcon): L.DivIcon {
  let icon = iconCache.get(key);
  if (!icon) {
    icon = make();
    iconCache.set(key, icon);
  }
  return icon;
}

function pointIcon(color: string | undefined, alert: boolean): L.DivIcon {
  const c = safeColor(color);
  return cachedIcon(`p${c}${alert ? '!' : ''}`, () =>
    L.divIcon({
      className: 'nx-map-marker',
      html: `<span class="nx-map-dot${alert ? ' is-alert' : ''}" style="background:${c}"></span>`,
      iconSize: [18, 18],
      iconAnchor: [9, 9],
      popupAnchor: [0, -8],
    }),
  );
}

function clusterIcon(count: number, alert: boolean): L.DivIcon {
  const size = clusterSize(count);
  const text = count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count);
  return cachedIcon(`c${text}:${size}${alert ? '!' : ''}`, () =>
    L.divIcon({
      className: 'nx-map-marker',
      html: `<span class="nx-map-cluster${alert ? ' is-alert' : ''}" style="width:${size}px;height:${size}px">${text}</span>`,
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    }),
  );
}

const meIcon = () =>
  cachedIcon('me', () =>
    L.divIcon({ className: 'nx-map-marker', html: '<span class="nx-map-me"></span>', iconSize: [22, 22] }),
  );

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** The WGS-84 box of a display-coordinate view, a little padded, clamped to the world. */
function wgsBbox(bounds: L.LatLngBounds, crs: TileCrs): [number, number, number, number] {
  const b = bounds.pad(0.1);
  const sw = fromDisplay({ lat: b.getSouth(), lng: b.getWest() }, crs);
  const ne = fromDisplay({ lat: b.getNorth(), lng: b.getEast() }, crs);
  return [
    round6(clamp(sw.lng, -180, 180)),
    round6(clamp(sw.lat, -90, 90)),
    round6(clamp(ne.lng, -180, 180)),
    round6(clamp(ne.lat, -90, 90)),
  ];
}

interface ViewState {
  bbox: [number, number, number, number];
  zoom: number;
}

function viewOf(map: L.Map): ViewState {
  const b = map.getBounds().pad(0.2);
  return { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() };
}

/** Follows the view: keeps `setView` (display coordinates) and reports WGS-84 views to the page. */
function ViewWatcher({
  crs,
  setView,
  onViewChange,
  reportOpening,
}: {
  crs: TileCrs;
  setView: (v: ViewState) => void;
  onViewChange: MapViewProps['onViewChange'];
  reportOpening: boolean;
}) {
  const map = useMapEvents({
    moveend() {
      setView(viewOf(map));
      onViewChange?.({ bbox: wgsBbox(map.getBounds(), crs), zoom: map.getZoom() });
    },
  });
  useEffect(() => {
    setView(viewOf(map));
  }, [map, setView]);
  const opening = useRef(reportOpening);
  useEffect(() => {
    if (!opening.current) return;
    opening.current = false;
    onViewChange?.({ bbox: wgsBbox(map.getBounds(), crs), zoom: map.getZoom() });
  }, [map, crs, onViewChange]);
  return null;
}

/** Fits the view to what is shown, once per `fitKey`. */
function Fitter({
  fitKey,
  points,
  clusters,
  maxZoom,
}: {
  fitKey: string | undefined;
  points: readonly DisplayPoint[];
  clusters: readonly { lat: number; lng: number; bounds: L.LatLngBounds | null }[];
  maxZoom: number;
}) {
  const map = useMap();
  const done = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (fitKey === undefined || done.current === fitKey) return;
    if (points.length === 0 && clusters.length === 0) return;
    const b = L.latLngBounds([]);
    for (const p of points) b.extend([p.lat, p.lng]);
    for (const c of clusters) b.extend(c.bounds ?? L.latLng(c.lat, c.lng));
    if (!b.isValid()) return;
    done.current = fitKey;
    map.fitBounds(b, { padding: [32, 32], maxZoom });
  }, [fitKey, points, clusters, map, maxZoom]);
  return null;
}

/** Names the focusable map container for assistive technology. */
function Labeller({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const el = map.getContainer();
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', label);
  }, [map, label]);
  return null;
}

function ZoomTo({
  target,
  onDone,
}: {
  target: { center: L.LatLng; zoom?: number; bounds?: L.LatLngBounds } | null;
  onDone: () => void;
}) {
  const map = useMap();
  useEffect(() => {
    if (!target) return;
    if (target.bounds?.isValid() && !target.bounds.getNorthEast().equals(target.bounds.getSouthWest()))
      map.fitBounds(target.bounds, { padding: [24, 24] });
    else map.setView(target.center, target.zoom ?? Math.min(map.getZoom() + 2, map.getMaxZoom()));
    onDone();
  }, [target, map, onDone]);
  return null;
}

/** Moves the view when the target's key changes (see `panTo`). */
function PanTo({ target, crs }: { target: MapViewProps['panTo']; crs: TileCrs }) {
  const map = useMap();
  const done = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!target || done.current === target.key) return;
    done.current = target.key;
    const at = toDisplay(target, crs);
    map.setView([at.lat, at.lng], target.zoom ?? map.getZoom());
  }, [target, crs, map]);
  return null;
}

/** Rendered after the markers: its effect runs once they are on the map (see `onDrawn`). */
function DrawnNotifier({
  count,
  ready,
  onDrawn,
}: {
  count: number;
  ready: boolean;
  onDrawn: MapViewProps['onDrawn'];
}) {
  useEffect(() => {
    if (ready) onDrawn?.(count);
  }, [count, ready, onDrawn]);
  return null;
}

export default function LeafletMap(props: MapViewProps & { config: MapConfigDto | null }) {
  const { t } = useTranslation();
  const { config } = props;
  const crs: TileCrs = config?.crs ?? 'wgs84';
  const [view, setView] = useState<ViewState | null>(null);
  const [tiles, setTiles] = useState<TileState>(config ? 'loading' : 'failed');
  const [tileKey, setTileKey] = useState(0);
  const tileErrors = useRef(0);
  const [selected, setSelected] = useState<DisplayPoint | null>(null);
  const [zoomTarget, setZoomTarget] = useState<{
    center: L.LatLng;
    zoom?: number;
    bounds?: L.LatLngBounds;
  } | null>(null);
  const onTilesFailed = props.onTilesFailed;

  // ---- the basemap: detect that it cannot be loaded
  useEffect(() => {
    if (tiles !== 'loading') return;
    tileErrors.current = 0;
    const timer = setTimeout(() => setTiles((s) => (s === 'loading' ? 'failed' : s)), TILE_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [tiles]);
  const onTilesLoaded = props.onTilesLoaded;
  useEffect(() => {
    if (tiles === 'failed') onTilesFailed?.();
    if (tiles === 'ok') onTilesLoaded?.();
  }, [tiles, onTilesFailed, onTilesLoaded]);

  // ---- what to draw, in display coordinates
  const display = useMemo<DisplayPoint[]>(
    () => props.points.map((p) => ({ point: p, ...toDisplay(p, crs) })),
    [props.points, crs],
  );
  const clusterAbove = props.clusterAbove ?? 50;
  const index = useMemo(
    () => (display.length > clusterAbove ? buildIndex(display) : null),
    [display, clusterAbove],
  );
  const items = useMemo<ViewItem[]>(() => {
    if (!index) return display.map((item) => ({ kind: 'point', item }));
    if (!view) return [];
    return itemsInView(index, display, view.bbox, view.zoom);
  }, [index, display, view]);
  const serverClusters = useMemo(
    () =>
      (props.clusters ?? []).map((c: MapCluster) => {
        const at = toDisplay(c, crs);
        let bounds: L.LatLngBounds | null = null;
        if (c.bounds) {
          const sw = toDisplay({ lng: c.bounds[0], lat: c.bounds[1] }, crs);
          const ne = toDisplay({ lng: c.bounds[2], lat: c.bounds[3] }, crs);
          bounds = L.latLngBounds([sw.lat, sw.lng], [ne.lat, ne.lng]);
        }
        return { ...at, count: c.count, alert: c.alert ?? 0, bounds };
      }),
    [props.clusters, crs],
  );
  const me = props.myLocation ? toDisplay(props.myLocation, crs) : null;
  const start: LatLngLike = toDisplay(props.center ?? config?.center ?? { lat: 29.5521, lng: 103.7656 }, crs);
  const clusterTitle = props.clusterTitle ?? ((count: number) => t('map.cluster', { count }));

  return (
    <div className="nx-map" style={{ height: props.height }}>
      <MapContainer
        center={[start.lat, start.lng]}
        zoom={props.zoom ?? config?.zoom ?? 12}
        maxZoom={config?.maxZoom ?? 18}
        minZoom={3}
        attributionControl={false}
        style={{ height: '100%', width: '100%' }}
      >
        <Labeller label={props.ariaLabel} />
        {config && tiles !== 'failed' ? (
          <TileLayer
            key={tileKey}
            url={config.tileUrl}
            subdomains={config.subdomains.length ? config.subdomains : ['']}
            maxZoom={config.maxZoom}
            eventHandlers={{
              tileload: () => setTiles('ok'),
              tileerror: () => {
                tileErrors.current += 1;
                if (tileErrors.current >= TILE_ERRORS) setTiles((s) => (s === 'loading' ? 'failed' : s));
              },
            }}
          />
        ) : null}
        <ViewWatcher
          crs={crs}
          setView={setView}
          onViewChange={props.onViewChange}
          reportOpening={props.reportOpeningView ?? false}
        />
        <Fitter
          fitKey={props.fitKey}
          points={display}
          clusters={serverClusters}
          maxZoom={props.fitMaxZoom ?? 16}
        />
        <ZoomTo target={zoomTarget} onDone={() => setZoomTarget(null)} />
        {items.map((it) =>
          it.kind === 'point' ? (
            <Marker
              key={it.item.point.id}
              position={[it.item.lat, it.item.lng]}
              icon={pointIcon(it.item.point.color, Boolean(it.item.point.alert))}
              title={it.item.point.label}
              keyboard
              eventHandlers={{
                click: () => {
                  setSelected(it.item);
                  props.onPointClick?.(it.item.point);
                },
              }}
            />
          ) : (
            <Marker
              key={`c${it.id}`}
              position={[it.lat, it.lng]}
              icon={clusterIcon(it.count, it.alert > 0)}
              title={clusterTitle(it.count)}
              keyboard
              eventHandlers={{
                click: () => {
                  const zoom = index ? expansionZoom(index, it.id) : CLUSTER_MAX_ZOOM + 1;
                  setZoomTarget({ center: L.latLng(it.lat, it.lng), zoom });
                },
              }}
            />
          ),
        )}
        {serverClusters.map((c) => (
          <Marker
            key={`s${c.lat}:${c.lng}:${c.count}`}
            position={[c.lat, c.lng]}
            icon={clusterIcon(c.count, c.alert > 0)}
            title={clusterTitle(c.count)}
            keyboard
            eventHandlers={{
              click: () => setZoomTarget({ center: L.latLng(c.lat, c.lng), bounds: c.bounds ?? undefined }),
            }}
          />
        ))}
        <PanTo target={props.panTo} crs={crs} />
        <DrawnNotifier
          count={items.length + serverClusters.length}
          ready={!index || view !== null}
          onDrawn={props.onDrawn}
        />
        {me ? (
          <>
            {props.myLocation?.accuracy ? (
              <Circle
                center={[me.lat, me.lng]}
                radius={props.myLocation.accuracy}
                pathOptions={{ color: '#1677ff', weight: 1, fillOpacity: 0.08 }}
                interactive={false}
              />
            ) : null}
            <Marker
              position={[me.lat, me.lng]}
              icon={meIcon()}
              title={t('map.myLocation')}
              keyboard={false}
            />
          </>
        ) : null}
        {selected ? (
          <Popup
            key={selected.point.id}
            position={[selected.lat, selected.lng]}
            offset={[0, -6]}
            eventHandlers={{
              remove: () => setSelected((s) => (s?.point.id === selected.point.id ? null : s)),
            }}
          >
            <div className="nx-map-popup">
              {props.renderPopup ? props.renderPopup(selected.point) : selected.point.label}
            </div>
          </Popup>
        ) : null}
      </MapContainer>
      {tiles === 'failed' ? (
        <div className="nx-map-notice" role="status">
          <span>{props.fallbackNotice ?? t('map.tilesFailed')}</span>
          {config ? (
            <button
              type="button"
              onClick={() => {
                setTileKey((k) => k + 1);
                setTiles('loading');
              }}
            >
              {t('map.retry')}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="nx-map-attribution">Leaflet{config?.attribution ? ` | ${config.attribution}` : ''}</div>
    </div>
  );
}
