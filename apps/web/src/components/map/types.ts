import type { ReactNode } from 'react';
import type { LatLngLike } from './gcj02';

/** What a map shows and tells; no Leaflet types, so pages import it without loading Leaflet. */

/** One thing on the map. Coordinates are WGS-84, as stored; the map converts for its tiles. */
export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  /** Short text: the marker's accessible name and tooltip (a case number, a station name). */
  label: string;
  /** Marker colour, `#rrggbb` (anything else falls back to the brand colour). */
  color?: string;
  /** Draw attention (a red ring): overdue, full, closed … Clusters count them. */
  alert?: boolean;
}

/** A group the server already counted (grid clusters at low zoom). WGS-84. */
export interface MapCluster {
  lat: number;
  lng: number;
  count: number;
  /** How many of them call for attention. */
  alert?: number;
  /** minLng, minLat, maxLng, maxLat of its members: clicking zooms there. */
  bounds?: [number, number, number, number];
}

/** The view, in WGS-84 (ready for a `bbox=` query), after the user or the map moved it. */
export interface MapView {
  bbox: [number, number, number, number];
  zoom: number;
}

export interface MapViewProps {
  /** The map's accessible name (the container is a labelled region). */
  ariaLabel: string;
  points: readonly MapPoint[];
  clusters?: readonly MapCluster[];
  /** CSS height of the map. */
  height: number | string;
  /** Cluster points in the browser when there are more than this many (default 50). */
  clusterAbove?: number;
  /**
   * Fit the view to what is shown whenever this key changes (and there is something to show):
   * pass a key of the filters. Undefined: never fit; the map opens at `center`/`zoom`.
   */
  fitKey?: string;
  /** Where the map opens (WGS-84); default: the server's map configuration. */
  center?: LatLngLike;
  zoom?: number;
  /** Deepest zoom a fit goes to (default 16). */
  fitMaxZoom?: number;
  /** A point was clicked (or chosen with the keyboard). */
  onPointClick?: (point: MapPoint) => void;
  /** Popup content of a point; text, links. Default: its label. */
  renderPopup?: (point: MapPoint) => ReactNode;
  /** The view changed (pan, zoom, fit): not called for the opening view unless `reportOpeningView`. */
  onViewChange?: (view: MapView) => void;
  /** Also call `onViewChange` with the opening view (a layer that draws only what is in view). */
  reportOpeningView?: boolean;
  /** Draw the user's position (WGS-84), with its accuracy circle in metres. */
  myLocation?: (LatLngLike & { accuracy?: number }) | null;
  /** The basemap cannot be loaded: the page should offer its list. */
  onTilesFailed?: () => void;
  /** Tiles load (again, after a retry): the page may put its map first again. */
  onTilesLoaded?: () => void;
  /** Notice shown on the map when tiles fail; default "地图底图无法加载，已切换为列表". */
  fallbackNotice?: string;
  /** Title of a cluster marker; default "{{count}} 项，点击放大". */
  clusterTitle?: (count: number) => string;
  /**
   * Move the view to this point (WGS-84) whenever `key` changes, e.g. when the user's position
   * arrives after the map opened elsewhere. The zoom stays unless given.
   */
  panTo?: (LatLngLike & { zoom?: number; key: string }) | null;
  /**
   * The markers and clusters of the current view are on the map (called after each redraw with
   * how many were drawn): for a "ready" signal or a render-time measurement.
   */
  onDrawn?: (count: number) => void;
}
