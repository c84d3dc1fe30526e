import Supercluster from 'supercluster';
import type { MapPoint } from './types';

/**
 * Client-side clustering with supercluster, on display coordinates (the tiles' system). The
 * index is built once per set of points (10,000 points in a few milliseconds) and queried on
 * every view change for what lies in the view.
 */

interface PointProps {
  index: number;
  alert: number;
}
interface ClusterProps {
  alert: number;
}

export type PointIndex = Supercluster<PointProps, ClusterProps>;

export interface DisplayPoint {
  point: MapPoint;
  lat: number;
  lng: number;
}

export type ViewItem =
  | { kind: 'point'; item: DisplayPoint }
  | { kind: 'cluster'; id: number; lat: number; lng: number; count: number; alert: number };

/** Cluster radius in screen pixels; points stop clustering past `maxZoom`. */
export const CLUSTER_RADIUS = 60;
export const CLUSTER_MAX_ZOOM = 16;

export function buildIndex(points: readonly DisplayPoint[]): PointIndex {
  const index: PointIndex = new Supercluster<PointProps, ClusterProps>({
    radius: CLUSTER_RADIUS,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: (p) => ({ alert: p.alert }),
    reduce: (acc, p) => {
      acc.alert += p.alert;
    },
  });
  index.load(
    points.map((p, i) => ({
      type: 'Feature' as const,
      properties: { index: i, alert: p.point.alert ? 1 : 0 },
      geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
    })),
  );
  return index;
}

/** What to draw for a view: clusters and single points inside `bbox` (west, south, east, north). */
export function itemsInView(
  index: PointIndex,
  points: readonly DisplayPoint[],
  bbox: [number, number, number, number],
  zoom: number,
): ViewItem[] {
  return index.getClusters(bbox, Math.round(zoom)).map((f): ViewItem => {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    const props = f.properties;
    if ('cluster' in props && props.cluster)
      return {
        kind: 'cluster',
        id: props.cluster_id,
        lat,
        lng,
        count: props.point_count,
        alert: props.alert,
      };
    return { kind: 'point', item: points[(props as PointProps).index]! };
  });
}

/** Zoom at which a cluster falls apart (clicking it zooms there). */
export function expansionZoom(index: PointIndex, clusterId: number): number {
  return Math.min(index.getClusterExpansionZoom(clusterId), CLUSTER_MAX_ZOOM + 1);
}

const HEX = /^#[0-9a-fA-F]{6}$/;
/** A colour safe to put in marker HTML. */
export function safeColor(c: string | undefined, fallback = '#d4380d'): string {
  return c && HEX.test(c) ? c : fallback;
}

/** Marker size by count: small groups stay small, big ones grow slowly. */
export function clusterSize(count: number): number {
  return Math.round(Math.min(56, 28 + 6 * Math.log10(Math.max(1, count))));
}
