import './station-map.css';
import { Button, DotLoading, ErrorBlock, List, NavBar, Skeleton } from 'antd-mobile';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { errorText } from '../../i18n';
import { ApiError } from '../../lib/api-error';
import { useCheckin, useMyVisits, useStation } from './api';
import { CheckIcon, CrossIcon, PauseIcon } from './icons';
import { useStationLabels } from './labels';
import { recentPosition } from './location';
import { KIND_COLORS, shanghaiDay, shanghaiTime } from './model';
import { StationDetailState } from './station-detail';

/** Back to where the station was opened from (the map or list with its filters), else the map. */
function useBack(fallback: string): () => void {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return () => {
    if (typeof from === 'string' && from.startsWith('/m')) navigate(-1);
    else navigate(fallback);
  };
}

/** 驿站详情 /m/stations/:id. */
export function StationRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  const station = useStation(id ?? null);
  const back = useBack('/m/map');
  return (
    <div style={{ minHeight: '100%' }}>
      <NavBar onBack={back} backIcon style={{ background: '#fff' }} backArrow>
        {station.data?.name ?? t('stationMap.title')}
      </NavBar>
      <StationDetailState query={station} signedIn />
    </div>
  );
}

const CODE_RE = /^ST-\d{6}-\d{4,}$/;

type Outcome =
  | { kind: 'working' }
  | {
      kind: 'done';
      created: boolean;
      stationId: string;
      stationName: string;
      at: string;
      stationKind: string;
    }
  | { kind: 'invalid' }
  | { kind: 'paused' }
  | { kind: 'failed'; error: unknown };

function Badge({ color, children }: { color: string; children: React.ReactNode }) {
  return (
    <div className="nx-st-checkin-badge" style={{ background: color, boxShadow: `0 10px 30px ${color}55` }}>
      {children}
    </div>
  );
}

/**
 * 扫码签到 /m/checkin/:code?t=…: what the poster's QR opens. The layout's guard has already sent a
 * signed-out worker through sign-in and back here. Posts the check-in once and shows the result
 * big enough to read at arm's length.
 */
export function CheckinRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const checkin = useCheckin();
  const { labels } = useStationLabels();
  const started = useRef(false);
  const valid = CODE_RE.test(code) && token.length > 0 && token.length <= 64;

  const run = useCallback(() => {
    const at = recentPosition();
    checkin.mutate({ code, t: token, ...(at ? { lat: at.lat, lng: at.lng, crs: 'wgs84' as const } : {}) });
  }, [checkin.mutate, code, token]);

  useEffect(() => {
    if (started.current || !valid) return;
    started.current = true;
    run();
  }, [run, valid]);

  const outcome: Outcome = !valid
    ? { kind: 'invalid' }
    : checkin.data
      ? {
          kind: 'done',
          created: checkin.data.created,
          stationId: checkin.data.visit.stationId,
          stationName: checkin.data.visit.stationName,
          stationKind: checkin.data.visit.stationKind,
          at: checkin.data.visit.at,
        }
      : checkin.error
        ? checkin.error instanceof ApiError &&
          (checkin.error.code === 'station.qr_invalid' || checkin.error.code === 'common.validation')
          ? { kind: 'invalid' }
          : checkin.error instanceof ApiError && checkin.error.code === 'station.not_open'
            ? { kind: 'paused' }
            : { kind: 'failed', error: checkin.error }
        : { kind: 'working' };

  const mapButton = (
    <Button block size="large" shape="rounded" fill="outline" onClick={() => navigate('/m/map')}>
      {t('stationMap.checkin.backToMap')}
    </Button>
  );

  return (
    <>
      <NavBar back={null} style={{ background: '#fff' }}>
        {t('stationMap.checkin.title')}
      </NavBar>
      <div
        className="nx-st-checkin"
        data-testid="checkin-result"
        data-outcome={outcome.kind}
        aria-live="polite"
      >
        {outcome.kind === 'working' ? (
          <div role="status" style={{ marginTop: 80, fontSize: 18, color: '#6b4a3a' }}>
            <DotLoading color="primary" /> {t('stationMap.checkin.working')}
          </div>
        ) : outcome.kind === 'done' ? (
          <>
            <Badge color={outcome.created ? '#52c41a' : '#1677ff'}>
              <CheckIcon />
            </Badge>
            <h1>{outcome.created ? t('stationMap.checkin.success') : t('stationMap.checkin.already')}</h1>
            <div className="nx-st-checkin-station">{outcome.stationName}</div>
            <span
              className="nx-st-kind"
              style={{
                background: KIND_COLORS[outcome.stationKind as keyof typeof KIND_COLORS] ?? '#d4380d',
              }}
            >
              {labels.kind[outcome.stationKind as keyof typeof labels.kind] ?? ''}
            </span>
            <p style={{ marginTop: 12 }}>
              {outcome.created
                ? t('stationMap.checkin.successDesc', { time: shanghaiTime(outcome.at) })
                : t('stationMap.checkin.alreadyDesc', { time: shanghaiTime(outcome.at) })}
            </p>
            <div className="nx-st-checkin-actions">
              <Button
                block
                size="large"
                shape="rounded"
                color="primary"
                onClick={() => navigate(`/m/stations/${outcome.stationId}`)}
              >
                {t('stationMap.checkin.viewStation')}
              </Button>
              <Button block size="large" shape="rounded" fill="outline" onClick={() => navigate('/m/visits')}>
                {t('stationMap.checkin.myVisits')}
              </Button>
            </div>
          </>
        ) : outcome.kind === 'invalid' ? (
          <>
            <Badge color="#cf1322">
              <CrossIcon />
            </Badge>
            <h1>{t('stationMap.checkin.invalid')}</h1>
            <p>{t('stationMap.checkin.invalidDesc')}</p>
            <div className="nx-st-checkin-actions">{mapButton}</div>
          </>
        ) : outcome.kind === 'paused' ? (
          <>
            <Badge color="#8c8c8c">
              <PauseIcon />
            </Badge>
            <h1>{t('stationMap.checkin.paused')}</h1>
            <p>{t('stationMap.checkin.pausedDesc')}</p>
            <div className="nx-st-checkin-actions">{mapButton}</div>
          </>
        ) : (
          <>
            <Badge color="#d46b08">
              <CrossIcon />
            </Badge>
            <h1>{t('stationMap.checkin.failed')}</h1>
            <p>{errorText(outcome.error)}</p>
            <div className="nx-st-checkin-actions">
              <Button
                block
                size="large"
                shape="rounded"
                color="primary"
                loading={checkin.isPending}
                onClick={run}
              >
                {t('stationMap.checkin.retry')}
              </Button>
              {mapButton}
            </div>
          </>
        )}
      </div>
    </>
  );
}

/** 我的到访 /m/visits: the worker's recent check-ins. */
export function MyVisitsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const visits = useMyVisits();
  const { locale, labels } = useStationLabels();
  return (
    <>
      <NavBar onBack={() => navigate('/m/me')} backIcon backArrow style={{ background: '#fff' }}>
        {t('stationMap.visits.title')}
      </NavBar>
      {visits.isLoading ? (
        <div style={{ padding: 16 }} aria-busy="true">
          <Skeleton.Paragraph lineCount={6} animated />
        </div>
      ) : visits.error ? (
        <ErrorBlock
          status="disconnected"
          title={t('stationMap.visits.loadFailed')}
          description={errorText(visits.error)}
          style={{ padding: '48px 16px' }}
        >
          <Button color="primary" onClick={() => void visits.refetch()}>
            {t('stationMap.list.retry')}
          </Button>
        </ErrorBlock>
      ) : (visits.data?.items.length ?? 0) === 0 ? (
        <ErrorBlock
          status="empty"
          title={t('stationMap.visits.empty')}
          description={t('stationMap.visits.emptyHint')}
          style={{ padding: '48px 16px' }}
        >
          <Button color="primary" onClick={() => navigate('/m/map')}>
            {t('stationMap.visits.toMap')}
          </Button>
        </ErrorBlock>
      ) : (
        <>
          <div style={{ padding: '14px 16px 0', color: '#8c6d60', fontSize: 14 }}>
            {t('stationMap.visits.summary', {
              count: visits.data?.items.length ?? 0,
              stations: new Set(visits.data?.items.map((v) => v.stationId)).size,
            })}
          </div>
          <List mode="card" aria-label={t('stationMap.visits.title')}>
            {visits.data?.items.map((v) => (
              <List.Item
                key={v.id}
                clickable
                onClick={() => navigate(`/m/stations/${v.stationId}`)}
                prefix={
                  <span
                    aria-hidden="true"
                    style={{
                      display: 'block',
                      width: 10,
                      height: 10,
                      borderRadius: 5,
                      background: KIND_COLORS[v.stationKind],
                    }}
                  />
                }
                description={labels.kind[v.stationKind]}
                extra={
                  <span style={{ fontVariantNumeric: 'tabular-nums', fontSize: 13 }}>
                    {t('stationMap.visits.at', { day: shanghaiDay(v.at, locale), time: shanghaiTime(v.at) })}
                  </span>
                }
              >
                {v.stationName}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </>
  );
}
