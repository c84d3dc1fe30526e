import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  MinusOutlined,
  PlusOutlined,
  ReloadOutlined,
  StopOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { SetStationLiveInput, StationSummaryDto } from '@nuanxin/shared';
import type { StationLiveStatus, StationResource } from '@nuanxin/shared/stations.labels';
import { App, Button, Card, Col, Empty, Input, Row, Space, Switch, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../components/admin/query-state';
import { errorText } from '../../i18n';
import { useMe } from '../auth/api/get-me';
import { useSetLive, useStations } from './api';
import { capacityLevel, isStale, LEVEL_COLOR, latest, orderedCapacity, stepAvailable } from './capacity';
import { useNow } from './hours-editor';
import { KindTag, LiveTag, OpenNowTag, useAgeText, useStationLabels } from './labels';

/** The board refreshes this often (ms). */
export const BOARD_REFRESH_MS = 30_000;
/** Taps on − / + within this long go out as one update. */
const SEND_AFTER_MS = 400;

const LIVE_BORDER: Record<StationLiveStatus, string> = {
  open: '#389e0d',
  busy: '#d46b08',
  full: '#cf1322',
  closed_now: '#8c8c8c',
};

type Draft = Partial<Record<StationResource, number>>;

/**
 * Free counts as the keeper taps them: shown at once, sent together shortly after the last tap
 * (each update carries absolute figures, so a retry or a reordering cannot double-count).
 */
function useCapacityDraft(station: StationSummaryDto) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Two mutations: a capacity update sent after the taps must not swallow the callbacks of a
  // status change made meanwhile (a mutation calls back for its latest call only).
  const setLive = useSetLive();
  const setStatusLive = useSetLive();
  const [draft, setDraft] = useState<Draft>({});
  const pending = useRef<Draft>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flushRef = useRef<() => void>(() => undefined);

  flushRef.current = () => {
    timer.current = null;
    const sent = pending.current;
    pending.current = {};
    const capacity = (Object.entries(sent) as [StationResource, number][]).map(([resource, available]) => ({
      resource,
      available,
    }));
    if (capacity.length === 0) return;
    setLive.mutate(
      { id: station.id, body: { capacity } },
      {
        onSuccess: () =>
          setDraft((d) => {
            const next: Draft = {};
            for (const [r, v] of Object.entries(d) as [StationResource, number][])
              if (r in pending.current) next[r] = v;
            return next;
          }),
        onError: (e) => {
          message.error(errorText(e));
          setDraft({});
        },
      },
    );
  };

  // Leaving the page sends what is still waiting.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        flushRef.current();
      }
    },
    [],
  );

  const change = (resource: StationResource, available: number) => {
    setDraft((d) => ({ ...d, [resource]: available }));
    pending.current = { ...pending.current, [resource]: available };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => flushRef.current(), SEND_AFTER_MS);
  };

  const setStatus = (liveStatus: StationLiveStatus) => {
    const body: SetStationLiveInput = { liveStatus };
    setStatusLive.mutate(
      { id: station.id, body },
      {
        onSuccess: () => message.success(t('stationConsole.board.saved', { name: station.name })),
        onError: (e) => message.error(errorText(e)),
      },
    );
  };

  return { draft, change, setStatus, busy: setStatusLive.isPending };
}

function StationCard({ station, now }: { station: StationSummaryDto; now: Date }) {
  const { t } = useTranslation();
  const { labels } = useStationLabels();
  const age = useAgeText();
  const { draft, change, setStatus, busy } = useCapacityDraft(station);
  const capacity = orderedCapacity(station.capacity).map((c) => ({
    ...c,
    available: draft[c.resource] ?? c.available,
  }));
  const last = latest(station.liveStatusAt, ...station.capacity.map((c) => c.updatedAt));
  const stale = isStale(last, station.openNow, now);
  const full = station.liveStatus === 'full';
  const stopped = station.liveStatus === 'closed_now';

  return (
    <Card
      data-testid="board-card"
      aria-label={station.name}
      size="small"
      style={{ borderTop: `4px solid ${LIVE_BORDER[station.liveStatus]}`, height: '100%' }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 10 } }}
    >
      <div>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
          <Link
            to={`/admin/stations/${station.id}`}
            style={{ fontWeight: 600, fontSize: 15, color: '#2b1710' }}
          >
            {station.name}
          </Link>
          <LiveTag live={station.liveStatus} />
        </Space>
        <Space size={6} wrap style={{ marginTop: 4 }}>
          <KindTag kind={station.kind} />
          <OpenNowTag open={station.openNow} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {station.regionName}
          </Typography.Text>
        </Space>
      </div>

      <Space wrap size={[8, 8]}>
        {full || stopped ? (
          <Button
            type="primary"
            style={{ background: '#389e0d' }}
            icon={<CheckCircleOutlined />}
            aria-label={t('stationConsole.board.restore')}
            loading={busy}
            onClick={() => setStatus('open')}
          >
            {t('stationConsole.board.restore')}
          </Button>
        ) : (
          <Button
            type="primary"
            danger
            icon={<StopOutlined />}
            aria-label={t('stationConsole.board.full')}
            loading={busy}
            onClick={() => setStatus('full')}
          >
            {t('stationConsole.board.full')}
          </Button>
        )}
        {station.liveStatus === 'open' ? (
          <Button size="small" onClick={() => setStatus('busy')} disabled={busy}>
            {t('stationConsole.board.busy')}
          </Button>
        ) : null}
        {stopped ? null : (
          <Button size="small" type="text" onClick={() => setStatus('closed_now')} disabled={busy}>
            {t('stationConsole.board.pause')}
          </Button>
        )}
      </Space>

      {capacity.length === 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('stationConsole.board.noCapacity')}
        </Typography.Text>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          {capacity.map((c) => {
            const name = labels.resource[c.resource];
            const color = LEVEL_COLOR[capacityLevel(c)];
            return (
              <fieldset
                key={c.resource}
                aria-label={name}
                data-resource={c.resource}
                style={{
                  margin: 0,
                  border: 'none',
                  minInlineSize: 0,
                  display: 'grid',
                  gridTemplateColumns: '1fr auto auto auto auto',
                  alignItems: 'center',
                  gap: 6,
                  padding: '4px 8px',
                  background: '#faf7f5',
                  borderRadius: 6,
                }}
              >
                <span>{name}</span>
                <Button
                  shape="circle"
                  icon={<MinusOutlined />}
                  aria-label={t('stationConsole.board.minus', { resource: name })}
                  disabled={c.available <= 0}
                  onClick={() => change(c.resource, stepAvailable(c, -1))}
                />
                <output
                  aria-live="polite"
                  aria-label={t('stationConsole.board.available', { available: c.available, total: c.total })}
                  data-testid={`board-available-${c.resource}`}
                  style={{ minWidth: 64, textAlign: 'center', fontVariantNumeric: 'tabular-nums' }}
                >
                  <b style={{ fontSize: 20, color }}>{c.available}</b>
                  <span style={{ color: '#8c8c8c' }}> / {c.total}</span>
                </output>
                <Button
                  shape="circle"
                  icon={<PlusOutlined />}
                  aria-label={t('stationConsole.board.plus', { resource: name })}
                  disabled={c.available >= c.total}
                  onClick={() => change(c.resource, stepAvailable(c, 1))}
                />
                <Button
                  size="small"
                  danger
                  type="text"
                  aria-label={t('stationConsole.board.setFull', { resource: name })}
                  disabled={c.available <= 0}
                  onClick={() => change(c.resource, 0)}
                >
                  {t('stationConsole.board.full')}
                </Button>
              </fieldset>
            );
          })}
        </div>
      )}

      <div style={{ marginTop: 'auto' }}>
        {stale ? (
          <Tooltip title={t('stationConsole.board.stale')}>
            <Typography.Text style={{ color: '#d46b08', fontSize: 12 }} data-testid="board-stale">
              <WarningOutlined />{' '}
              {last
                ? t('stationConsole.board.updated', { age: age(last, now) })
                : t('stationConsole.board.never')}
              {' · '}
              {t('stationConsole.board.stale')}
            </Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <ClockCircleOutlined />{' '}
            {last
              ? t('stationConsole.board.updated', { age: age(last, now) })
              : t('stationConsole.board.never')}
            {station.openNow ? '' : ` · ${t('stationConsole.board.closedToday')}`}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}

/** 容量看板: one card per station in scope with live status and free capacity, refreshed every 30 s. */
export function CapacityBoard() {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const age = useAgeText();
  const [q, setQ] = useState('');
  const [onlyOpen, setOnlyOpen] = useState(false);
  const me = useMe().data;
  // A keeper sees the stations they keep; a manager every station they may keep in scope.
  const keeperOnly = !me?.permissions.includes('stations.manage');
  const list = useStations(
    { status: 'active', kept: keeperOnly || undefined, page: 1, pageSize: 200 },
    { refetchInterval: BOARD_REFRESH_MS },
  );
  const items = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (list.data?.items ?? []).filter(
      (s) =>
        s.canSetLive &&
        (!onlyOpen || s.openNow) &&
        (!needle || s.name.toLowerCase().includes(needle) || s.code.toLowerCase().includes(needle)),
    );
  }, [list.data, q, onlyOpen]);
  const refreshedAt = list.dataUpdatedAt ? new Date(list.dataUpdatedAt).toISOString() : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('stationConsole.board.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('stationConsole.board.subtitle')}</Typography.Text>
          </div>
          <Space wrap>
            <Input.Search
              allowClear
              aria-label={t('stationConsole.board.search')}
              placeholder={t('stationConsole.board.search')}
              onChange={(e) => setQ(e.target.value)}
              style={{ width: 200 }}
            />
            <Space size={6}>
              <Switch id="board-only-open" size="small" checked={onlyOpen} onChange={setOnlyOpen} />
              <label htmlFor="board-only-open">{t('stationConsole.board.onlyOpen')}</label>
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-live="polite">
              {refreshedAt ? t('stationConsole.board.refreshed', { age: age(refreshedAt, now) }) : ''}
            </Typography.Text>
            <Tooltip title={t('stationConsole.board.refresh')}>
              <Button
                aria-label={t('stationConsole.board.refresh')}
                icon={<ReloadOutlined />}
                loading={list.isFetching}
                onClick={() => void list.refetch()}
              />
            </Tooltip>
          </Space>
        </Space>
      </Card>
      <QueryState
        isLoading={list.isLoading}
        error={list.data ? null : list.error}
        onRetry={() => void list.refetch()}
      >
        {items.length === 0 ? (
          <Card>
            <Empty description={t('stationConsole.board.empty')} />
          </Card>
        ) : (
          <Row gutter={[16, 16]}>
            {items.map((s) => (
              <Col key={s.id} xs={24} md={12} xl={8} xxl={6}>
                <StationCard station={s} now={now} />
              </Col>
            ))}
          </Row>
        )}
      </QueryState>
    </Space>
  );
}
