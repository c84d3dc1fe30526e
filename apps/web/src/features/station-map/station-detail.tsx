import './station-map.css';
import type { StationDetailDto, StationHours } from '@nuanxin/shared';
import { STATION_BASIC_SERVICES } from '@nuanxin/shared/stations.labels';
import { Button, ErrorBlock, Image, ImageViewer, Skeleton } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { CanteenServiceButtons } from '../canteen-services/entry';
import { useStationWishBox } from './api';
import { BASIC_ICONS, HeartIcon, NavIcon, PhoneIcon, PinIcon, ScanIcon } from './icons';
import { useAgoText, useStationLabels } from './labels';
import { useWorkerLocation } from './location';
import {
  amapUri,
  distanceMeters,
  formatDistance,
  geoUri,
  KIND_COLORS,
  LIVE_COLORS,
  spansText,
  telUri,
  todayHours,
  weeklyLines,
} from './model';

type T = TFunction;

/** "今天 08:00–22:00" / "今天休息" / "24 小时开放". */
export function todayLine(hours: StationHours, now: Date, t: T): string {
  const th = todayHours(hours, now);
  if (th.kind === 'always') return t('stationMap.hours.always');
  if (th.kind === 'closed') return t('stationMap.hours.todayClosed');
  return t('stationMap.hours.today', {
    text: spansText(th.spans, t('stationMap.hours.nextDay'), t('stationMap.hours.sep')),
  });
}

function LiveBadge({ station }: { station: StationDetailDto }) {
  const { labels } = useStationLabels();
  const ago = useAgoText(station.liveStatusAt);
  const color = LIVE_COLORS[station.liveStatus];
  // Outside its hours a station's "正常开放" says nothing; a pause (暂停服务) still matters.
  if (!station.openNow && station.liveStatus !== 'closed_now') return null;
  return (
    <span className="nx-st-status-row">
      <span className="nx-st-live" style={{ color, background: `${color}14` }}>
        {labels.liveStatus[station.liveStatus]}
      </span>
      {/* A status never set by a keeper is the default, not news: no time to show. */}
      {ago ? <span className="nx-st-muted">{ago}</span> : null}
    </span>
  );
}

function Capacity({ station }: { station: StationDetailDto }) {
  const { t } = useTranslation();
  const { labels } = useStationLabels();
  const latest = station.capacity.reduce<string | null>(
    (m, c) => (m === null || c.updatedAt > m ? c.updatedAt : m),
    null,
  );
  const ago = useAgoText(latest);
  if (station.capacity.length === 0) return null;
  return (
    <section className="nx-st-section" aria-labelledby="st-cap">
      <h2 id="st-cap" style={{ display: 'flex', justifyContent: 'space-between' }}>
        {t('stationMap.detail.capacity')}
        {ago ? (
          <span className="nx-st-muted" style={{ fontWeight: 400 }}>
            {ago}
          </span>
        ) : null}
      </h2>
      <div className="nx-st-cap-grid">
        {station.capacity.map((c) => {
          const full = c.available === 0;
          return (
            <div key={c.resource} className={full ? 'nx-st-cap is-full' : 'nx-st-cap'}>
              <div className="nx-st-cap-num">
                {full ? t('stationMap.detail.capacityFull') : c.available}
                <small> / {c.total}</small>
              </div>
              <div className="nx-st-cap-name">{labels.resource[c.resource]}</div>
            </div>
          );
        })}
      </div>
    </section>
  );
}

function Services({ station }: { station: StationDetailDto }) {
  const { t } = useTranslation();
  const { locale, service } = useStationLabels();
  const now = new Date();
  const have = new Set(station.services.map((s) => s.code));
  const anyBasic = STATION_BASIC_SERVICES.some((c) => have.has(c));
  const extras = station.services.filter(
    (s) => !(STATION_BASIC_SERVICES as readonly string[]).includes(s.code),
  );
  if (station.services.length === 0) return null;
  return (
    <section className="nx-st-section" aria-labelledby="st-svc">
      <h2 id="st-svc">{t('stationMap.detail.services')}</h2>
      {anyBasic ? (
        <>
          <div className="nx-st-muted" style={{ marginBottom: 8 }}>
            {t('stationMap.detail.basic')}
          </div>
          <ul className="nx-st-basics" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {STATION_BASIC_SERVICES.map((code) => {
              const Icon = BASIC_ICONS[code];
              const on = have.has(code);
              return (
                <li key={code} className={on ? 'nx-st-basic' : 'nx-st-basic is-off'} aria-disabled={!on}>
                  <span className="nx-st-basic-icon">{Icon ? <Icon /> : null}</span>
                  {service(code)}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {extras.length > 0 ? (
        <>
          {anyBasic ? (
            <div className="nx-st-muted" style={{ marginTop: 14 }}>
              {t('stationMap.detail.extra')}
            </div>
          ) : null}
          <ul className="nx-st-extras">
            {extras.map((s) => (
              <li key={s.code}>
                <span>
                  {locale === 'en' ? s.nameEn : s.name}
                  {s.note ? <small>{s.note}</small> : null}
                </span>
                <span>{s.hours ? todayLine(s.hours, now, t) : null}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Photos({ station }: { station: StationDetailDto }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState<number | null>(null);
  if (station.photos.length === 0) return null;
  return (
    <section className="nx-st-section" aria-labelledby="st-photos">
      <h2 id="st-photos">{t('stationMap.detail.photos')}</h2>
      <div className="nx-st-photos">
        {station.photos.map((p, i) => (
          <button
            key={p.id}
            type="button"
            onClick={() => setIndex(i)}
            aria-label={t('stationMap.detail.photoLabel', { n: i + 1 })}
          >
            <Image src={p.thumbUrl} width={120} height={90} fit="cover" lazy alt="" />
          </button>
        ))}
      </div>
      <ImageViewer.Multi
        images={station.photos.map((p) => p.url)}
        visible={index !== null}
        defaultIndex={index ?? 0}
        onClose={() => setIndex(null)}
      />
    </section>
  );
}

/**
 * What a worker needs at a glance on one hand: live status, open now and today's hours, the way
 * there (高德 and any other map app), the phone, capacity and services; then hours, photos and
 * the address. Shared by the worker app's station page and the public page's drawer.
 */
export function StationDetailView({ station, signedIn }: { station: StationDetailDto; signedIn: boolean }) {
  const { t } = useTranslation();
  const { locale, labels } = useStationLabels();
  const loc = useWorkerLocation(false);
  const wish = useStationWishBox(station.operatorOrgId, signedIn);
  const now = useMemo(() => new Date(), []);
  const open = station.openNow && station.liveStatus !== 'closed_now';
  const away = loc.position ? distanceMeters(loc.position, station) : null;
  const nav = { lat: station.lat, lng: station.lng, name: station.name };

  return (
    <div className="nx-st-detail" data-testid="station-detail">
      <section className="nx-st-section">
        <span className="nx-st-kind" style={{ background: KIND_COLORS[station.kind] }}>
          {labels.kind[station.kind]}
        </span>
        <h1 className="nx-st-title">{station.name}</h1>
        <LiveBadge station={station} />
        <div className="nx-st-status-row" style={{ marginTop: 8 }}>
          <strong style={{ color: open ? '#389e0d' : '#8c8c8c' }}>
            {open ? t('stationMap.open') : t('stationMap.closed')}
          </strong>
          <span>{todayLine(station.hours, now, t)}</span>
          {away !== null ? (
            <span className="nx-st-muted">
              · {t('stationMap.distance', { distance: formatDistance(away, locale) })}
            </span>
          ) : null}
        </div>
      </section>

      <div className="nx-st-actions">
        <a
          className="nx-st-action is-primary"
          href={amapUri(nav)}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`${t('stationMap.detail.amap')}：${t('stationMap.detail.navLabel', { name: station.name })}`}
        >
          <NavIcon /> {t('stationMap.detail.amap')}
        </a>
        <a
          className={station.phone ? 'nx-st-action' : 'nx-st-action is-wide'}
          href={geoUri(nav)}
          aria-label={t('stationMap.detail.otherMap')}
        >
          <PinIcon /> {t('stationMap.detail.otherMap')}
        </a>
        {station.phone ? (
          <a
            className="nx-st-action"
            href={telUri(station.phone)}
            aria-label={t('stationMap.detail.callLabel', { phone: station.phone })}
          >
            <PhoneIcon /> {t('stationMap.detail.call')}
          </a>
        ) : null}
      </div>

      {signedIn &&
      (station.kind === 'canteen' ||
        station.services.some((x) => x.code === 'set_meal' || x.code === 'meals')) ? (
        <Link
          to={`/m/stations/${station.id}/menu`}
          className="nx-st-section nx-st-link-row"
          data-testid="open-menu"
        >
          <strong style={{ flex: 1, fontSize: 15 }}>{t('meals.m.openMenu')}</strong>
          <span className="nx-st-muted">{t('meals.m.openMenuDesc')}</span>
        </Link>
      ) : null}
      {signedIn ? <CanteenServiceButtons station={station} /> : null}
      {signedIn && station.services.some((x) => x.code === 'lodging') ? (
        <Link
          to={`/m/stations/${station.id}/hub`}
          className="nx-st-section nx-st-link-row"
          data-testid="open-hub"
        >
          <strong style={{ flex: 1, fontSize: 15 }}>{t('hub.m.entry')}</strong>
          <span className="nx-st-muted">{t('hub.m.entryDesc')}</span>
        </Link>
      ) : null}
      <Capacity station={station} />
      <Services station={station} />

      <section className="nx-st-section" aria-labelledby="st-hours">
        <h2 id="st-hours">{t('stationMap.detail.hours')}</h2>
        {weeklyLines(station.hours, locale).map((line) => (
          <div key={line} style={{ fontSize: 15, lineHeight: 1.8 }}>
            {line}
          </div>
        ))}
      </section>

      <Photos station={station} />

      <section className="nx-st-section">
        <dl style={{ margin: 0 }}>
          <div className="nx-st-kv">
            <dt>{t('stationMap.detail.address')}</dt>
            <dd>{station.address}</dd>
          </div>
          {station.phone ? (
            <div className="nx-st-kv">
              <dt>{t('stationMap.detail.phone')}</dt>
              <dd>
                <a href={telUri(station.phone)}>{station.phone}</a>
              </dd>
            </div>
          ) : null}
          <div className="nx-st-kv">
            <dt>{t('stationMap.detail.operator')}</dt>
            <dd>{station.operatorOrgName}</dd>
          </div>
          <div className="nx-st-kv">
            <dt>{t('stationMap.detail.code')}</dt>
            <dd style={{ fontVariantNumeric: 'tabular-nums' }}>{station.code}</dd>
          </div>
          {station.description ? (
            <div className="nx-st-kv">
              <dt>{t('stationMap.detail.about')}</dt>
              <dd>{station.description}</dd>
            </div>
          ) : null}
        </dl>
        {station.openToResidents ? (
          <div className="nx-st-muted" style={{ marginTop: 6 }}>
            {t('stationMap.detail.openToResidents')}
          </div>
        ) : null}
      </section>

      {wish.data ? (
        <Link to={`/m/wish?box=${encodeURIComponent(wish.data.id)}`} className="nx-st-section nx-st-link-row">
          <span className="nx-st-basic-icon" style={{ background: '#fff0f0', color: '#cf1322' }}>
            <HeartIcon />
          </span>
          <span style={{ flex: 1 }}>
            <strong style={{ display: 'block', fontSize: 15 }}>{t('stationMap.detail.wish')}</strong>
            <span className="nx-st-muted">{t('stationMap.detail.wishDesc')}</span>
          </span>
          <span aria-hidden="true" style={{ color: '#bfbfbf', fontSize: 18 }}>
            ›
          </span>
        </Link>
      ) : null}

      {signedIn ? (
        <div
          className="nx-st-muted"
          style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '0 4px' }}
        >
          <span style={{ fontSize: 18, color: '#d4380d', display: 'flex' }}>
            <ScanIcon />
          </span>
          {t('stationMap.detail.scanHint')}
        </div>
      ) : null}
    </div>
  );
}

/** Loading and error states around {@link StationDetailView}. */
export function StationDetailState({
  query,
  signedIn,
}: {
  query: { data?: StationDetailDto; isLoading: boolean; error: unknown; refetch: () => unknown };
  signedIn: boolean;
}) {
  const { t } = useTranslation();
  if (query.data) return <StationDetailView station={query.data} signedIn={signedIn} />;
  if (query.error) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <ErrorBlock
        status={notFound ? 'empty' : 'disconnected'}
        title={notFound ? t('stationMap.detail.notFound') : t('stationMap.detail.loadFailed')}
        description={notFound ? undefined : errorText(query.error)}
        style={{ padding: '48px 16px' }}
      >
        {notFound ? null : (
          <Button color="primary" onClick={() => void query.refetch()}>
            {t('stationMap.list.retry')}
          </Button>
        )}
      </ErrorBlock>
    );
  }
  return (
    <div className="nx-st-detail" aria-busy="true">
      <div className="nx-st-section">
        <Skeleton.Title animated />
        <Skeleton.Paragraph lineCount={3} animated />
      </div>
      <div className="nx-st-section">
        <Skeleton.Paragraph lineCount={4} animated />
      </div>
    </div>
  );
}
