import type { LayerView } from './layer-index';

/** Messages between the page and the stations layer's worker (layer.worker.ts). */
export type LayerRequest =
  /** (Re)load the feed; the HTTP cache revalidates it with its ETag. */
  | { type: 'load'; url: string }
  | { type: 'filters'; services: readonly string[]; openNow: boolean }
  /** What to draw in a view (WGS-84 west, south, east, north) at a zoom; answered with `seq`. */
  | { type: 'view'; seq: number; bbox: [number, number, number, number]; zoom: number };

export type LayerResponse =
  | { type: 'loaded'; stations: number }
  | { type: 'error'; message: string }
  | { type: 'view'; seq: number; total: number; view: LayerView };
