import './station-map.css';
import { ConfigProvider, Popup } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoaderFunctionArgs } from 'react-router';
import { LogoMark } from '../../components/brand';
import { type Lang, setLang } from '../../i18n';
import { prefetchStationsMap, useStation } from './api';
import { CrossIcon } from './icons';
import { useWide } from './labels';
import { StationDetailState } from './station-detail';
import { StationExplorer } from './station-explorer';

/** Route loader of /stations: starts the feed and the map code at once (the map shows first). */
export function publicStationsLoader({ request }: LoaderFunctionArgs): null {
  if (new URL(request.url).searchParams.get('view') !== 'list') prefetchStationsMap(false);
  return null;
}

/** From this width the list and the map sit side by side and the detail opens on the right. */
const WIDE = 900;

/**
 * `/stations`: the public station map (POS-01, open data) — no sign-in, no check-in. The same
 * explorer as the worker app (filters, map or list, nearest first) with the station's details in
 * a drawer; zh-CN by default with an English switch.
 */
export function PublicStationsRoute() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const other: Lang = en ? 'zh-CN' : 'en';
  const [openId, setOpenId] = useState<string | null>(null);
  const station = useStation(openId);
  const wide = useWide(WIDE);
  const close = useCallback(() => setOpenId(null), []);

  useEffect(() => {
    document.documentElement.style.setProperty('--adm-color-primary', '#d4380d');
  }, []);
  useEffect(() => {
    document.title = t('stationMap.public.title');
    document.documentElement.lang = en ? 'en' : 'zh-CN';
  }, [t, en]);

  return (
    <ConfigProvider locale={en ? enUS : zhCN}>
      <div className="nx-st-public">
        <header className="nx-st-public-header">
          <LogoMark
            size={34}
            style={{ flex: 'none', borderRadius: 8, boxShadow: '0 0 0 1.5px rgba(255,255,255,0.7)' }}
          />
          <div style={{ minWidth: 0 }}>
            <h1>{t('stationMap.public.title')}</h1>
            {wide ? <p>{t('stationMap.public.subtitle')}</p> : null}
          </div>
          <nav aria-label={t('stationMap.public.title')}>
            <button
              type="button"
              aria-label={t('stationMap.public.switchLanguage')}
              onClick={() => setLang(other)}
            >
              {other === 'en' ? 'English' : '中文'}
            </button>
            <a href="/m">{t('stationMap.public.workerEntry')}</a>
          </nav>
        </header>
        <StationExplorer autoLocate={false} onOpenStation={setOpenId} splitFrom={WIDE} />
        <Popup
          visible={openId !== null}
          position={wide ? 'right' : 'bottom'}
          onMaskClick={close}
          onClose={close}
          destroyOnClose
          bodyStyle={
            wide
              ? { width: 460, height: '100%', overflowY: 'auto', background: 'var(--nx-warm-bg, #fff8f3)' }
              : {
                  height: '88dvh',
                  overflowY: 'auto',
                  borderTopLeftRadius: 16,
                  borderTopRightRadius: 16,
                  background: 'var(--nx-warm-bg, #fff8f3)',
                }
          }
        >
          <div role="dialog" aria-modal="true" aria-label={station.data?.name ?? t('stationMap.title')}>
            <div
              style={{
                position: 'sticky',
                top: 0,
                zIndex: 1,
                display: 'flex',
                justifyContent: 'flex-end',
                padding: '8px 8px 0',
              }}
            >
              <button
                type="button"
                onClick={close}
                aria-label={t('stationMap.detail.close')}
                style={{
                  width: 40,
                  height: 40,
                  border: 'none',
                  borderRadius: 20,
                  background: '#fff',
                  boxShadow: '0 1px 4px rgba(0,0,0,0.15)',
                  fontSize: 20,
                  color: '#5c3b2e',
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'center',
                  cursor: 'pointer',
                }}
              >
                <CrossIcon />
              </button>
            </div>
            <div style={{ marginTop: -40 }}>
              {openId ? <StationDetailState query={station} signedIn={false} /> : null}
            </div>
          </div>
        </Popup>
      </div>
    </ConfigProvider>
  );
}
