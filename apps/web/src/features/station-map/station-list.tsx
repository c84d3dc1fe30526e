import type { StationCardDto } from '@nuanxin/shared';
import { Button, ErrorBlock, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { useStationLabels } from './labels';
import { formatDistance, KIND_COLORS, LIVE_COLORS, markerStyle } from './model';

/** Services shown on a card before "+n". */
const CARD_SERVICES = 4;

function Pill({ children, color, solid }: { children: React.ReactNode; color: string; solid?: boolean }) {
  return (
    <span
      className="nx-st-pill"
      style={solid ? { background: color, color: '#fff', borderColor: color } : { color, borderColor: color }}
    >
      {children}
    </span>
  );
}

export function StationCard({
  s,
  highlight,
  onOpen,
}: {
  s: StationCardDto;
  highlight: readonly string[];
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { locale, labels, service } = useStationLabels();
  const open = s.openNow && s.liveStatus !== 'closed_now';
  const stripe = markerStyle(s).color;
  // The services the worker filtered on first, then the station's own order.
  const services = [...s.services].sort(
    (a, b) => Number(highlight.includes(b)) - Number(highlight.includes(a)),
  );
  const shown = services.slice(0, CARD_SERVICES);
  return (
    <li>
      <button
        type="button"
        className="nx-st-card"
        onClick={() => onOpen(s.id)}
        aria-label={[
          s.name,
          labels.kind[s.kind],
          formatDistance(s.distanceMeters, locale),
          open ? t('stationMap.open') : t('stationMap.closed'),
        ].join(locale === 'en' ? ', ' : '，')}
      >
        <span className="nx-st-card-stripe" style={{ background: stripe }} aria-hidden="true" />
        <span className="nx-st-card-body">
          <span className="nx-st-card-head">
            <span className="nx-st-card-name">{s.name}</span>
            <span className="nx-st-card-dist">{formatDistance(s.distanceMeters, locale)}</span>
          </span>
          <span className="nx-st-card-meta">
            <span style={{ color: KIND_COLORS[s.kind], fontWeight: 600 }}>{labels.kind[s.kind]}</span>
            <Pill color={open ? '#389e0d' : '#8c8c8c'} solid={open}>
              {s.liveStatus === 'closed_now'
                ? labels.liveStatus.closed_now
                : open
                  ? t('stationMap.open')
                  : t('stationMap.closed')}
            </Pill>
            {open && s.liveStatus !== 'open' ? (
              <Pill color={LIVE_COLORS[s.liveStatus]}>{labels.liveStatus[s.liveStatus]}</Pill>
            ) : null}
          </span>
          {shown.length > 0 ? (
            <span className="nx-st-card-services">
              {shown.map((code) => (
                <span key={code} className={highlight.includes(code) ? 'nx-st-svc is-on' : 'nx-st-svc'}>
                  {service(code)}
                </span>
              ))}
              {services.length > shown.length ? (
                <span className="nx-st-svc-more">
                  {t('stationMap.list.more', { count: services.length - shown.length })}
                </span>
              ) : null}
            </span>
          ) : null}
          {s.capacity.length > 0 ? (
            <span className="nx-st-card-cap">
              {s.capacity.map((c) => (
                <span key={c.resource} style={{ color: c.available === 0 ? '#cf1322' : undefined }}>
                  {labels.resource[c.resource]}{' '}
                  <b>
                    {c.available}/{c.total}
                  </b>
                </span>
              ))}
            </span>
          ) : null}
          <span className="nx-st-card-addr">{s.address}</span>
        </span>
      </button>
    </li>
  );
}

/** The nearest stations, nearest first; loading, empty and error states of their own. */
export function StationList({
  items,
  loading,
  error,
  onRetry,
  highlight,
  onOpen,
  onClearFilters,
  filtered,
}: {
  items: readonly StationCardDto[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  highlight: readonly string[];
  onOpen: (id: string) => void;
  onClearFilters: () => void;
  filtered: boolean;
}) {
  const { t } = useTranslation();
  if (loading && !items)
    return (
      <div className="nx-st-list" aria-busy="true">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="nx-st-card is-skeleton">
            <Skeleton.Title animated />
            <Skeleton.Paragraph lineCount={2} animated />
          </div>
        ))}
      </div>
    );
  if (error && !items)
    return (
      <div className="nx-st-list">
        <ErrorBlock
          status="disconnected"
          title={t('stationMap.list.loadFailed')}
          description={errorText(error)}
        >
          <Button color="primary" onClick={onRetry}>
            {t('stationMap.list.retry')}
          </Button>
        </ErrorBlock>
      </div>
    );
  if (!items || items.length === 0)
    return (
      <div className="nx-st-list">
        <ErrorBlock
          status="empty"
          title={t('stationMap.list.empty')}
          description={filtered ? t('stationMap.list.emptyHint') : undefined}
        >
          {filtered ? (
            <Button color="primary" fill="outline" onClick={onClearFilters}>
              {t('stationMap.filters.clear')}
            </Button>
          ) : null}
        </ErrorBlock>
      </div>
    );
  return (
    <section className="nx-st-list" aria-label={t('stationMap.list.label')} aria-busy={loading}>
      <div className="nx-st-list-count" aria-live="polite">
        {t('stationMap.list.count', { count: items.length })}
      </div>
      <ul>
        {items.map((s) => (
          <StationCard key={s.id} s={s} highlight={highlight} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}
