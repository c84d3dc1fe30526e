import './station-map.css';
import { NavBar } from 'antd-mobile';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LoaderFunctionArgs, useLocation, useNavigate } from 'react-router';
import { prefetchStationsMap } from './api';
import { ScanIcon } from './icons';
import { StationExplorer } from './station-explorer';

/**
 * The 地图 tab on its own chunk: the station page, check-in and visits (routes.tsx) are not
 * loaded with it, so the first render of the map parses less code.
 */

/**
 * 扫码签到's sheet (antd-mobile's Popup with its mask, spring animation and gestures) is loaded on
 * the first tap, not with the map: the map's first render does not parse and run it.
 */
const ScanSheet = lazy(() => import('./scan-sheet').then((m) => ({ default: m.ScanSheet })));

/** NavBar (45 px) and the tab bar's reserved 64 px: the explorer fills the rest of the screen. */
const EXPLORER_HEIGHT = 'calc(100dvh - 45px - 64px)';

/** Performance mark: the map page started rendering (a step of the render measurement). */
export const STATIONS_PAGE_MARK = 'nx:stations-map-page';

/** Route loader of /m/map: fetches in parallel what the map needs; renders at once (no data). */
export function stationMapLoader({ request }: LoaderFunctionArgs): null {
  if (new URL(request.url).searchParams.get('view') !== 'list') prefetchStationsMap(true);
  return null;
}

/** 地图 tab: stations around the worker, map or list, and the in-app 扫码签到. */
export function StationMapRoute() {
  useState(() => {
    if (performance.getEntriesByName(STATIONS_PAGE_MARK).length === 0) performance.mark(STATIONS_PAGE_MARK);
    return null;
  });
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [scanning, setScanning] = useState(false);
  // Mounted from the first tap on (then kept, so closing animates as before).
  const [scanUsed, setScanUsed] = useState(false);
  const closeScanner = useCallback(() => setScanning(false), []);
  const open = useCallback(
    (id: string) => navigate(`/m/stations/${id}`, { state: { from: location.pathname + location.search } }),
    [navigate, location.pathname, location.search],
  );
  return (
    <>
      <NavBar back={null} style={{ background: '#fff' }}>
        {t('stationMap.title')}
      </NavBar>
      <StationExplorer
        autoLocate
        onOpenStation={open}
        height={EXPLORER_HEIGHT}
        action={
          <button
            type="button"
            className="nx-st-scan"
            onClick={() => {
              setScanUsed(true);
              setScanning(true);
            }}
          >
            <ScanIcon />
            {t('stationMap.scan')}
          </button>
        }
      />
      {scanUsed ? (
        <Suspense fallback={null}>
          <ScanSheet visible={scanning} onClose={closeScanner} />
        </Suspense>
      ) : null}
    </>
  );
}
