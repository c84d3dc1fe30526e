import type { StationFeatureProperties } from '@nuanxin/shared';
import Supercluster from 'supercluster';
import { CLUSTER_MAX_ZOOM, CLUSTER_RADIUS } from '../../components/map/cluster';
import { markerStyle, matchesFilters, type StationFeatureLike, type StationFilters } from './model';

/**
 * The stations layer's index (POS-01, the worker map): the features of `GET /stations.geojson`
 * that pass the filters, clustered with supercluster, asked for what lies in a view. It runs in
 * the layer's Web Worker (layer.worker.ts), so parsing 10,000 features and clustering them never
 * blocks the page; the page only draws the few dozen markers of the view. Pure and synchronous:
 * unit-tested directly. Coordinates are WGS-84 (the map converts what it draws).
 */

/** A single station in the view, with what its marker and popup show. */
export interface LayerPoint {
  id: string;
  lat: number;
  lng: number;
  label: string;
  color: string;
  alert: boolean;
  props: StationFeatureProperties;
}

/** A group of stations in the view: its centre, size, how many are full, and the box they cover. */
export interface LayerCluster {
  lat: number;
  lng: number;
  count: number;
  alert: number;
  /** `[west, south, east, north]` of its stations: clicking the cluster fits the map to it. */
  bounds: [number, number, number, number];
}

export interface LayerView {
  points: LayerPoint[];
  clusters: LayerCluster[];
}

interface PointProps {
  i: number;
  alert: number;
  w: number;
  s: number;
  e: number;
  n: number;
}
type ClusterProps = Omit<PointProps, 'i'>;

export interface LayerIndex {
  /** Stations that pass the filters (all of them are in the index). */
  total: number;
  /** Clusters and single stations inside `bbox` (west, south, east, north) at `zoom`. */
  query(bbox: [number, number, number, number], zoom: number): LayerView;
}

export function createLayerIndex(
  features: readonly StationFeatureLike[],
  filters: Pick<StationFilters, 'services' | 'openNow'>,
): LayerIndex {
  const kept: StationFeatureLike[] = [];
  for (const f of features) if (matchesFilters(f.properties, filters)) kept.push(f);
  const index = new Supercluster<PointProps, ClusterProps>({
    radius: CLUSTER_RADIUS,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: (p) => ({ alert: p.alert, w: p.w, s: p.s, e: p.e, n: p.n }),
    reduce: (acc, p) => {
      acc.alert += p.alert;
      acc.w = Math.min(acc.w, p.w);
      acc.s = Math.min(acc.s, p.s);
      acc.e = Math.max(acc.e, p.e);
      acc.n = Math.max(acc.n, p.n);
    },
  });
  index.load(
    kept.map((f, i) => {
      const [lng, lat] = f.geometry.coordinates;
      return {
        type: 'Feature' as const,
        properties: { i, alert: markerStyle(f.properties).alert ? 1 : 0, w: lng, s: lat, e: lng, n: lat },
        geometry: { type: 'Point' as const, coordinates: [lng, lat] },
      };
    }),
  );
  return {
    total: kept.length,
    query(bbox, zoom) {
      const points: LayerPoint[] = [];
      const clusters: LayerCluster[] = [];
      // Past ±180° supercluster answers nothing: clamp the box to the world.
      const box: [number, number, number, number] = [
        Math.max(-180, bbox[0]),
        Math.max(-90, bbox[1]),
        Math.min(180, bbox[2]),
        Math.min(90, bbox[3]),
      ];
      for (const c of index.getClusters(box, Math.round(zoom))) {
        const [lng, lat] = c.geometry.coordinates as [number, number];
        const p = c.properties;
        if ('cluster' in p && p.cluster)
          clusters.push({ lat, lng, count: p.point_count, alert: p.alert, bounds: [p.w, p.s, p.e, p.n] });
        else {
          const f = kept[(p as PointProps).i]!;
          points.push({
            id: f.properties.id,
            lat,
            lng,
            label: f.properties.name,
            ...markerStyle(f.properties),
            props: f.properties,
          });
        }
      }
      return { points, clusters };
    },
  };
}
