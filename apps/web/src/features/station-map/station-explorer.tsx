import './station-map.css';
import { STATION_KINDS } from '@nuanxin/shared/stations.labels';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useNearbyStations } from './api';
import { useStationLabels, useWide } from './labels';
import { DISTRICTS, type DistrictKey, useWorkerLocation } from './location';
import {
  CLOSED_COLOR,
  chipOrder,
  filtersToParams,
  hasFilters,
  KIND_COLORS,
  parseFilters,
  type StationFilters,
  type StationView,
  toggleService,
} from './model';
import { StationList } from './station-list';
import { StationsMap } from './stations-map';

/** Filter state in the URL (replace: filters are not history steps). */
export function useStationFilters(): [StationFilters, (next: StationFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const set = useCallback(
    (next: StationFilters) => setParams(filtersToParams(next), { replace: true }),
    [setParams],
  );
  return [filters, set];
}

function FilterChips({
  filters,
  onChange,
}: {
  filters: StationFilters;
  onChange: (f: StationFilters) => void;
}) {
  const { t } = useTranslation();
  const { catalogue, service } = useStationLabels();
  const chips = useMemo(
    () => chipOrder((catalogue.data?.items ?? []).filter((s) => s.enabled)),
    [catalogue.data],
  );
  // Until the catalogue arrives (or if it cannot), the featured codes with the built-in names.
  const codes = chips.length
    ? chips.map((c) => c.code)
    : ['meal_heating', 'water', 'charging', 'rest', 'toilet', 'ebike_charging'];
  // A filter from the URL that the catalogue does not list still shows, so it can be turned off.
  for (const s of filters.services) if (!codes.includes(s)) codes.unshift(s);
  return (
    <fieldset className="nx-st-chips">
      <legend className="nx-sr-only">{t('stationMap.filters.label')}</legend>
      <button
        type="button"
        className={filters.openNow ? 'nx-st-chip is-on is-open' : 'nx-st-chip is-open'}
        aria-pressed={filters.openNow}
        onClick={() => onChange({ ...filters, openNow: !filters.openNow })}
      >
        <span className="nx-st-chip-dot" aria-hidden="true" />
        {t('stationMap.filters.openNow')}
      </button>
      {codes.map((code) => {
        const on = filters.services.includes(code);
        return (
          <button
            key={code}
            type="button"
            className={on ? 'nx-st-chip is-on' : 'nx-st-chip'}
            aria-pressed={on}
            onClick={() => onChange(toggleService(filters, code))}
          >
            {service(code)}
          </button>
        );
      })}
    </fieldset>
  );
}

function ViewToggle({
  view,
  onChange,
  hint,
}: {
  view: StationView;
  onChange: (v: StationView) => void;
  hint: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="nx-st-toggle">
      <legend className="nx-sr-only">{t('stationMap.view.label')}</legend>
      {(['map', 'list'] as const).map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={view === v}
          className={view === v ? 'is-on' : undefined}
          onClick={() => onChange(v)}
        >
          {t(`stationMap.view.${v}`)}
          {v === 'list' && hint && view === 'map' ? (
            <span className="nx-st-toggle-hint" aria-hidden="true" />
          ) : null}
        </button>
      ))}
    </fieldset>
  );
}

function Legend() {
  const { t } = useTranslation();
  const { labels } = useStationLabels();
  const [open, setOpen] = useState(false);
  return (
    <div className="nx-st-legend">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('stationMap.legend.label')}
      </button>
      {open ? (
        <ul>
          {STATION_KINDS.map((k) => (
            <li key={k}>
              <span style={{ background: KIND_COLORS[k] }} aria-hidden="true" />
              {labels.kind[k]}
            </li>
          ))}
          <li>
            <span style={{ background: CLOSED_COLOR }} aria-hidden="true" />
            {t('stationMap.legend.closed')}
          </li>
        </ul>
      ) : null}
    </div>
  );
}

export interface StationExplorerProps {
  /** The worker app asks for the position at once; the public page waits for a tap. */
  autoLocate: boolean;
  onOpenStation: (id: string) => void;
  /** The worker's 扫码签到 button, next to the map/list toggle within thumb reach. */
  action?: ReactNode;
  /** CSS height of the whole explorer (filters, notice, map or list); default: fill a flex column. */
  height?: string;
  /** Show list and map side by side from this width (the public page on a desktop). */
  splitFrom?: number;
}

/**
 * Stations around the worker: filter chips (services, 只看营业中), a location notice, and the map
 * (clustered GeoJSON layer) or the list (`/stations/nearby`, nearest first). The list needs
 * neither tiles nor the map code, so it works when the basemap cannot be loaded.
 */
export function StationExplorer({
  autoLocate,
  onOpenStation,
  action,
  height,
  splitFrom,
}: StationExplorerProps) {
  const { t } = useTranslation();
  const [filters, setFilters] = useStationFilters();
  const loc = useWorkerLocation(autoLocate);
  const [district, setDistrict] = useState<DistrictKey>('szq');
  const [panKey, setPanKey] = useState(0);
  const [tilesFailed, setTilesFailed] = useState(false);
  const split = useWide(splitFrom ?? Number.POSITIVE_INFINITY);

  const position = loc.position;
  const center = position ?? DISTRICTS[district];
  const showMap = split || filters.view === 'map';
  const showList = split || filters.view === 'list';

  const nearby = useNearbyStations(center, filters, showList);

  const panTo = useMemo(
    () =>
      position
        ? { lat: position.lat, lng: position.lng, zoom: 15, key: `me:${position.at}:${panKey}` }
        : { ...DISTRICTS[district], key: `${district}:${panKey}` },
    [position, district, panKey],
  );
  const myLocation = position ? { lat: position.lat, lng: position.lng, accuracy: position.accuracy } : null;
  const onTilesFailed = useCallback(() => setTilesFailed(true), []);
  // The map keeps the centre it opened on; later moves go through panTo.
  const [initial] = useState(() => ({ center, zoom: position ? 15 : 13 }));

  const other: DistrictKey = district === 'szq' ? 'swq' : 'szq';
  const districtName = t(`stationMap.districts.${district}`);
  const notice =
    loc.status === 'ok'
      ? null
      : loc.status === 'locating'
        ? t('stationMap.location.locating')
        : t(`stationMap.location.${loc.status}`, { district: districtName });

  const map = showMap ? (
    <StationsMap
      filters={filters}
      center={initial.center}
      zoom={initial.zoom}
      panTo={panTo}
      myLocation={myLocation}
      onOpen={onOpenStation}
      onTilesFailed={onTilesFailed}
    />
  ) : null;
  const list = showList ? (
    <StationList
      items={nearby.data?.items}
      loading={nearby.isFetching}
      error={nearby.error}
      onRetry={() => void nearby.refetch()}
      highlight={filters.services}
      onOpen={onOpenStation}
      filtered={hasFilters(filters)}
      onClearFilters={() => setFilters({ ...filters, services: [], openNow: false })}
    />
  ) : null;

  return (
    <div className="nx-st-explorer" style={height ? { height } : { flex: 1, minHeight: 0 }}>
      <FilterChips filters={filters} onChange={setFilters} />
      {notice ? (
        <div className="nx-st-notice" role="status">
          <span>{notice}</span>
          {loc.status !== 'locating' ? (
            <span className="nx-st-notice-actions">
              <button
                type="button"
                onClick={() => {
                  setDistrict(other);
                  setPanKey((k) => k + 1);
                }}
              >
                {t('stationMap.location.switchTo', { district: t(`stationMap.districts.${other}`) })}
              </button>
              <button type="button" onClick={loc.retry}>
                {loc.status === 'idle' ? t('stationMap.location.useMine') : t('stationMap.location.retry')}
              </button>
            </span>
          ) : null}
        </div>
      ) : null}
      {split ? (
        <div className="nx-st-split">
          <div className="nx-st-split-list">{list}</div>
          <div className="nx-st-split-map">
            {map}
            <Legend />
          </div>
        </div>
      ) : (
        <div className="nx-st-body">
          {filters.view === 'map' ? (
            <div className="nx-st-mapwrap">
              {map}
              <Legend />
            </div>
          ) : (
            <div className="nx-st-listwrap">{list}</div>
          )}
          <div className="nx-st-dock">
            <ViewToggle
              view={filters.view}
              onChange={(view) => setFilters({ ...filters, view })}
              hint={tilesFailed}
            />
            {action}
          </div>
        </div>
      )}
    </div>
  );
}
