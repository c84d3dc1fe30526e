import { Component, lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../../lib/react-query';
import type { MapViewProps } from './types';
import { mapConfigQuery, useMapConfig } from './use-map-config';

export type { LatLngLike, TileCrs } from './gcj02';
export { fromDisplay, gcj02ToWgs84, toDisplay, wgs84ToGcj02 } from './gcj02';
export type { MapCluster, MapPoint, MapView as MapViewport, MapViewProps } from './types';

/**
 * A map of points (docs/maps.md): basemap from the server's configuration, WGS-84 in and out,
 * GCJ-02 conversion at display when the tiles need it, clustering, fit, popups, "my location",
 * and a notice plus `onTilesFailed` when the basemap cannot be loaded. Leaflet is loaded on
 * demand, the first time a map is drawn.
 */
const loadLeafletMap = () => import('./leaflet-map');
const LeafletMap = lazy(loadLeafletMap);

/**
 * Starts loading the map's code and basemap settings before a map is drawn (from a route loader,
 * say), so they arrive together with the page's data instead of after it. Safe to call often.
 */
export function preloadMap(): void {
  loadLeafletMap().catch(() => undefined);
  void queryClient.prefetchQuery(mapConfigQuery);
}

function Placeholder({ height, text, live }: { height: number | string; text: string; live?: boolean }) {
  return (
    <div
      // Inline: map.css arrives with the lazy chunk.
      style={{
        height,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        borderRadius: 8,
        background: '#f3f4f0',
        color: '#8c8c8c',
        fontSize: 13,
      }}
      role={live ? 'status' : undefined}
    >
      {text}
    </div>
  );
}

/** The map's code could not be loaded (offline, a new deployment): tell the page, show a line. */
function Unavailable({ height, onTilesFailed }: Pick<MapViewProps, 'height' | 'onTilesFailed'>) {
  const { t } = useTranslation();
  useEffect(() => {
    onTilesFailed?.();
  }, [onTilesFailed]);
  return <Placeholder height={height} text={t('map.unavailable')} live />;
}

class ChunkBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function MapView(props: MapViewProps) {
  const { t } = useTranslation();
  const config = useMapConfig();
  if (config.isLoading) return <Placeholder height={props.height} text={t('map.loading')} live />;
  return (
    <ChunkBoundary fallback={<Unavailable height={props.height} onTilesFailed={props.onTilesFailed} />}>
      <Suspense fallback={<Placeholder height={props.height} text={t('map.loading')} live />}>
        {/* Without the configuration the map still draws its points, on a blank background. */}
        <LeafletMap {...props} config={config.data ?? null} />
      </Suspense>
    </ChunkBoundary>
  );
}
