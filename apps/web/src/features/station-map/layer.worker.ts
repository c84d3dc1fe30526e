/// <reference lib="webworker" />
import type { StationsGeoJsonDto } from '@nuanxin/shared';
import { createLayerIndex, type LayerIndex } from './layer-index';
import type { LayerRequest, LayerResponse } from './layer-protocol';

/**
 * The stations layer's Web Worker: downloads and parses the GeoJSON feed (~5 MB of JSON for
 * 10,000 stations), filters and clusters it (layer-index.ts) and answers the page's views with
 * the few clusters and stations to draw. The page's main thread never holds the feed.
 */

declare const self: DedicatedWorkerGlobalScope;

let features: StationsGeoJsonDto['features'] = [];
let filters: { services: string[]; openNow: boolean } = { services: [], openNow: false };
let index: LayerIndex | null = null;
let lastView: Extract<LayerRequest, { type: 'view' }> | null = null;
let loaded = false;

const post = (m: LayerResponse) => self.postMessage(m);

function answer(v: Extract<LayerRequest, { type: 'view' }>): void {
  if (!loaded) return;
  index ??= createLayerIndex(features, filters);
  post({ type: 'view', seq: v.seq, total: index.total, view: index.query(v.bbox, v.zoom) });
}

async function load(url: string): Promise<void> {
  try {
    const r = await fetch(url, { headers: { accept: 'application/geo+json, application/json' } });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    const fc = (await r.json()) as StationsGeoJsonDto;
    features = fc.features;
    index = null;
    loaded = true;
    post({ type: 'loaded', stations: features.length });
    if (lastView) answer(lastView);
    // Clustered now for the filters as they are, while the page is still starting: the first
    // view is then answered at once.
    else index = createLayerIndex(features, filters);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

self.onmessage = (e: MessageEvent<LayerRequest>) => {
  const m = e.data;
  if (m.type === 'load') void load(m.url);
  else if (m.type === 'filters') {
    const same =
      m.openNow === filters.openNow &&
      m.services.length === filters.services.length &&
      m.services.every((x, i) => x === filters.services[i]);
    if (same) return;
    filters = { services: [...m.services], openNow: m.openNow };
    index = null;
    if (lastView) answer(lastView);
  } else {
    lastView = m;
    answer(m);
  }
};
