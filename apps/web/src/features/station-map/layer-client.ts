import { useCallback, useEffect, useRef, useState } from 'react';
import { takeEarlyWorker } from '../../lib/early';
import type { LayerView } from './layer-index';
import type { LayerRequest, LayerResponse } from './layer-protocol';
import type { StationFilters } from './model';

/**
 * The page's side of the stations layer: one Web Worker per page (layer.worker.ts) that holds
 * the GeoJSON feed. `startStationLayer()` starts it from the route loader, so the download and
 * parse run while the map's code loads; `useStationLayer` sends the filters and the view and
 * gets back what to draw.
 */

const FEED_URL = '/api/v1/stations.geojson';
/** Reload the feed when the map opens and the last load is older than this (the feed's max-age). */
const FRESH_MS = 60_000;

/** Performance mark: the feed has arrived and is parsed (a step of the render measurement). */
export const STATIONS_FEED_MARK = 'nx:stations-feed';

type Status = 'loading' | 'ready' | 'error';

interface Layer {
  worker: Worker;
  status: Status;
  loadedAt: number;
  listeners: Set<(m: LayerResponse) => void>;
}

let layer: Layer | null = null;

function send(l: Layer, m: LayerRequest): void {
  l.worker.postMessage(m);
}

function load(l: Layer): void {
  l.status = 'loading';
  send(l, { type: 'load', url: FEED_URL });
}

/** Starts the worker and the feed's download (once; again when the feed is stale or failed). */
export function startStationLayer(): void {
  if (typeof Worker === 'undefined') return;
  if (!layer) {
    // The boot script may have started the worker and the feed already (src/boot.ts).
    const early = takeEarlyWorker('layer.worker');
    const worker =
      early?.worker ?? new Worker(new URL('./layer.worker.ts', import.meta.url), { type: 'module' });
    const l: Layer = { worker, status: 'loading', loadedAt: 0, listeners: new Set() };
    const onMessage = (m: LayerResponse) => {
      if (m.type === 'loaded') {
        l.status = 'ready';
        l.loadedAt = Date.now();
        performance.mark(STATIONS_FEED_MARK);
      } else if (m.type === 'error') l.status = 'error';
      for (const fn of l.listeners) fn(m);
    };
    worker.onmessage = (e: MessageEvent<LayerResponse>) => onMessage(e.data);
    layer = l;
    if (early) for (const m of early.messages) onMessage(m as LayerResponse);
    else load(l);
    return;
  }
  if (layer.status === 'error' || (layer.status === 'ready' && Date.now() - layer.loadedAt > FRESH_MS))
    load(layer);
}

export interface StationLayerState {
  status: Status;
  /** Stations passing the filters (null until the feed is in). */
  total: number | null;
  /** What to draw in the last view asked for (null until answered). */
  view: LayerView | null;
  /** Ask for a view (WGS-84 west, south, east, north). */
  setView: (v: { bbox: [number, number, number, number]; zoom: number }) => void;
  retry: () => void;
}

/** The stations layer for the filters: status, count and what lies in the view. */
export function useStationLayer(filters: Pick<StationFilters, 'services' | 'openNow'>): StationLayerState {
  const [status, setStatus] = useState<Status>(() => layer?.status ?? 'loading');
  const [total, setTotal] = useState<number | null>(null);
  const [view, setViewState] = useState<LayerView | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    startStationLayer();
    const l = layer;
    if (!l) {
      setStatus('error');
      return;
    }
    setStatus(l.status);
    const listener = (m: LayerResponse) => {
      if (m.type === 'loaded') setStatus('ready');
      else if (m.type === 'error') setStatus('error');
      else if (m.seq === seq.current) {
        setTotal(m.total);
        setViewState(m.view);
      }
    };
    l.listeners.add(listener);
    return () => {
      l.listeners.delete(listener);
    };
  }, []);

  const services = filters.services.join(',');
  useEffect(() => {
    if (layer)
      send(layer, {
        type: 'filters',
        services: services ? services.split(',') : [],
        openNow: filters.openNow,
      });
  }, [services, filters.openNow]);

  const setView = useCallback((v: { bbox: [number, number, number, number]; zoom: number }) => {
    if (!layer) return;
    seq.current += 1;
    send(layer, { type: 'view', seq: seq.current, bbox: v.bbox, zoom: v.zoom });
  }, []);

  const retry = useCallback(() => {
    if (layer) {
      load(layer);
      setStatus('loading');
    }
  }, []);

  return { status, total, view, setView, retry };
}
