import { EnvironmentOutlined, PlusOutlined, ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { StationSummaryDto } from '@nuanxin/shared';
import {
  STATION_KINDS,
  STATION_STATUSES,
  type StationKind,
  type StationStatus,
} from '@nuanxin/shared/stations.labels';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MapView } from '../../components/map';
import { errorText } from '../../i18n';
import { useMe } from '../auth/api/get-me';
import { type StationFilters, useServiceTypes, useStations } from './api';
import { capacityLevel, LEVEL_COLOR, orderedCapacity } from './capacity';
import { KIND_COLOR, KindTag, LiveTag, OpenNowTag, StatusTag, serviceName, useStationLabels } from './labels';
import { RegionSelect } from './pickers';
import { StationFormDrawer } from './station-form';

type View = 'list' | 'map';
const PAGE_SIZE = 20;
/** The map shows up to this many stations of the filter (the API's largest page). */
const MAP_PAGE_SIZE = 200;

/** Filters, page and view live in the URL: a refresh or a shared link keeps them. */
function useUrlState() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind');
  const status = params.get('status');
  const state = {
    q: params.get('q') ?? undefined,
    kind: STATION_KINDS.includes(kind as StationKind) ? (kind as StationKind) : undefined,
    status: STATION_STATUSES.includes(status as StationStatus) ? (status as StationStatus) : undefined,
    regionCode: params.get('region') ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    view: (params.get('view') === 'map' ? 'map' : 'list') as View,
  };
  const set = (patch: Partial<typeof state>) => {
    const next = { ...state, page: 1, ...patch };
    const p = new URLSearchParams();
    if (next.q) p.set('q', next.q);
    if (next.kind) p.set('kind', next.kind);
    if (next.status) p.set('status', next.status);
    if (next.regionCode) p.set('region', next.regionCode);
    if (next.page > 1) p.set('page', String(next.page));
    if (next.view === 'map') p.set('view', 'map');
    setParams(p, { replace: true });
  };
  return [state, set] as const;
}

/** `座位 12/20` chips, coloured by how much is free. */
export function CapacityChips({ capacity }: { capacity: StationSummaryDto['capacity'] }) {
  const { t } = useTranslation();
  const { labels } = useStationLabels();
  const items = orderedCapacity(capacity);
  if (items.length === 0)
    return <Typography.Text type="secondary">{t('stationConsole.noCapacity')}</Typography.Text>;
  return (
    <Space size={[6, 2]} wrap>
      {items.map((c) => (
        <span key={c.resource} style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
          {labels.resource[c.resource]}{' '}
          <b style={{ color: LEVEL_COLOR[capacityLevel(c)], fontVariantNumeric: 'tabular-nums' }}>
            {c.available}
          </b>
          <span style={{ color: '#8c8c8c', fontVariantNumeric: 'tabular-nums' }}>/{c.total}</span>
        </span>
      ))}
    </Space>
  );
}

function KindLegend({ kinds }: { kinds: StationKind[] }) {
  const { t } = useTranslation();
  const { labels } = useStationLabels();
  return (
    <ul
      aria-label={t('stationConsole.legend')}
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 12,
        margin: 0,
        padding: 0,
        listStyle: 'none',
        fontSize: 12,
      }}
    >
      {kinds.map((k) => (
        <li key={k} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span
            aria-hidden
            style={{
              width: 10,
              height: 10,
              borderRadius: '50%',
              background: KIND_COLOR[k],
              display: 'inline-block',
            }}
          />
          {labels.kind[k]}
        </li>
      ))}
    </ul>
  );
}

/** 阵地管理: the stations in the actor's scope as a table or on a map, with filters. */
export function StationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { labels, locale } = useStationLabels();
  const me = useMe().data;
  const canManage = Boolean(me?.permissions.includes('stations.manage'));
  // A keeper (no management rights) sees the stations they keep.
  const keeperOnly = !canManage && Boolean(me?.permissions.includes('stations.keep'));
  const [s, set] = useUrlState();
  const [creating, setCreating] = useState(false);
  const [searchText, setSearchText] = useState(s.q ?? '');
  const [tilesFailed, setTilesFailed] = useState(false);
  const onTilesFailed = useCallback(() => setTilesFailed(true), []);
  const catalogue = useServiceTypes();
  const byCode = useMemo(() => new Map((catalogue.data ?? []).map((c) => [c.code, c])), [catalogue.data]);

  const filters: StationFilters = {
    q: s.q,
    kind: s.kind,
    status: s.status,
    regionCode: s.regionCode,
    kept: keeperOnly || undefined,
    page: s.view === 'map' ? 1 : s.page,
    pageSize: s.view === 'map' ? MAP_PAGE_SIZE : PAGE_SIZE,
  };
  const list = useStations(filters);
  const items = list.data?.items ?? [];
  const filterKey = JSON.stringify({ ...filters, n: items.length });

  const points = useMemo(
    () =>
      items.map((st) => ({
        id: st.id,
        lat: st.lat,
        lng: st.lng,
        label: `${st.name} · ${labels.kind[st.kind]}`,
        color: KIND_COLOR[st.kind],
        alert: st.liveStatus === 'full' || st.status !== 'active',
      })),
    [items, labels],
  );
  const byId = useMemo(() => new Map(items.map((st) => [st.id, st])), [items]);
  const kindsShown = useMemo(() => STATION_KINDS.filter((k) => items.some((st) => st.kind === k)), [items]);

  const columns = [
    {
      title: t('stationConsole.col.code'),
      dataIndex: 'code',
      key: 'code',
      width: 128,
      render: (code: string) => (
        <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{code}</span>
      ),
    },
    {
      title: t('stationConsole.col.name'),
      key: 'name',
      width: 208,
      render: (_: unknown, st: StationSummaryDto) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/admin/stations/${st.id}`} style={{ fontWeight: 500 }}>
            {st.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {st.address}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('stationConsole.col.kind'),
      key: 'kind',
      width: 112,
      render: (_: unknown, st: StationSummaryDto) => <KindTag kind={st.kind} wrap />,
    },
    {
      title: t('stationConsole.col.region'),
      dataIndex: 'regionName',
      key: 'region',
      width: 80,
    },
    {
      title: t('stationConsole.col.operator'),
      dataIndex: 'operatorOrgName',
      key: 'operator',
      width: 150,
      ellipsis: { showTitle: true },
    },
    {
      title: t('stationConsole.col.live'),
      key: 'live',
      width: 96,
      render: (_: unknown, st: StationSummaryDto) => (
        <Space orientation="vertical" size={4}>
          {st.status === 'active' ? <LiveTag live={st.liveStatus} /> : <StatusTag status={st.status} />}
          <OpenNowTag open={st.openNow} />
        </Space>
      ),
    },
    {
      title: t('stationConsole.col.services'),
      key: 'services',
      width: 84,
      render: (_: unknown, st: StationSummaryDto) => (
        <Tooltip title={st.services.map((c) => serviceName(c, locale, byCode.get(c))).join('、')}>
          <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
            {t('stationConsole.servicesCount', { n: st.services.length })}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('stationConsole.col.capacity'),
      key: 'capacity',
      width: 160,
      render: (_: unknown, st: StationSummaryDto) => <CapacityChips capacity={st.capacity} />,
    },
    {
      title: t('stationConsole.col.updated'),
      key: 'updated',
      width: 100,
      render: (_: unknown, st: StationSummaryDto) => (
        <Tooltip title={dayjs(st.updatedAt).format('YYYY-MM-DD HH:mm:ss')}>
          <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', fontSize: 13 }}>
            {dayjs(st.updatedAt).format('MM-DD HH:mm')}
          </span>
        </Tooltip>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('stationConsole.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('stationConsole.subtitle')}</Typography.Text>
          </div>
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('stationConsole.newStation')}
            </Button>
          ) : null}
        </Space>
      </Card>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Space wrap>
            <Select<StationKind | undefined>
              allowClear
              aria-label={t('stationConsole.filters.kind')}
              placeholder={t('stationConsole.filters.allKinds')}
              style={{ width: 150 }}
              value={s.kind}
              onChange={(kind) => set({ kind })}
              options={STATION_KINDS.map((k) => ({ value: k, label: labels.kind[k] }))}
            />
            <RegionSelect
              ariaLabel={t('stationConsole.filters.region')}
              placeholder={t('stationConsole.filters.region')}
              value={s.regionCode}
              onChange={(regionCode) => set({ regionCode })}
              width={200}
            />
            <Select<StationStatus | undefined>
              allowClear
              aria-label={t('stationConsole.filters.status')}
              placeholder={t('stationConsole.filters.allStatuses')}
              style={{ width: 130 }}
              value={s.status}
              onChange={(status) => set({ status })}
              options={STATION_STATUSES.map((k) => ({ value: k, label: labels.status[k] }))}
            />
            <Input.Search
              allowClear
              aria-label={t('stationConsole.filters.search')}
              placeholder={t('stationConsole.filters.search')}
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              onSearch={(v) => set({ q: v.trim() || undefined })}
              style={{ width: 240 }}
            />
            <Tooltip title={t('common.retry')}>
              <Button
                aria-label={t('common.retry')}
                icon={<ReloadOutlined />}
                loading={list.isFetching}
                onClick={() => void list.refetch()}
              />
            </Tooltip>
          </Space>
          <Segmented<View>
            aria-label={t('stationConsole.views.list')}
            value={s.view}
            onChange={(view) => set({ view, page: 1 })}
            options={[
              { value: 'list', label: t('stationConsole.views.list'), icon: <UnorderedListOutlined /> },
              { value: 'map', label: t('stationConsole.views.map'), icon: <EnvironmentOutlined /> },
            ]}
          />
        </Space>

        {s.view === 'list' ? (
          <Table<StationSummaryDto>
            rowKey="id"
            size="middle"
            loading={list.isLoading}
            dataSource={items}
            columns={columns}
            scroll={{ x: 1118 }}
            locale={{
              emptyText: list.error ? errorText(list.error) : <Empty description={t('common.empty')} />,
            }}
            pagination={{
              current: s.page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('stationConsole.total', { total }),
              onChange: (page) => set({ page }),
            }}
          />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <MapView
                ariaLabel={t('stationConsole.mapLabel')}
                height={580}
                points={points}
                fitKey={items.length ? filterKey : undefined}
                fitMaxZoom={15}
                onTilesFailed={onTilesFailed}
                renderPopup={(p) => {
                  const st = byId.get(p.id);
                  if (!st) return p.label;
                  return (
                    <div style={{ minWidth: 180 }}>
                      <div style={{ fontWeight: 600 }}>{st.name}</div>
                      <div style={{ color: '#8c8c8c', fontSize: 12 }}>{st.code}</div>
                      <Space size={4} wrap style={{ margin: '4px 0' }}>
                        <KindTag kind={st.kind} />
                        <OpenNowTag open={st.openNow} />
                        <LiveTag live={st.liveStatus} />
                      </Space>
                      <CapacityChips capacity={st.capacity} />
                      <div style={{ marginTop: 4 }}>
                        <Link to={`/admin/stations/${st.id}`}>{t('stationConsole.openStation')}</Link>
                      </div>
                    </div>
                  );
                }}
              />
              <div style={{ marginTop: 8 }}>
                <KindLegend kinds={kindsShown} />
              </div>
            </Col>
            <Col xs={24} xl={8}>
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {tilesFailed ? (
                  <Alert type="warning" showIcon title={t('stationConsole.mapFallback')} />
                ) : null}
                {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong>{t('stationConsole.mapListTitle')}</Typography.Text>
                  <Typography.Text type="secondary" aria-live="polite">
                    {list.data ? t('stationConsole.total', { total: list.data.total }) : ''}
                  </Typography.Text>
                </Space>
                <List<StationSummaryDto>
                  size="small"
                  bordered
                  loading={list.isLoading}
                  dataSource={items}
                  style={{ maxHeight: 520, overflow: 'auto', background: '#fff' }}
                  locale={{ emptyText: t('common.empty') }}
                  renderItem={(st) => (
                    <List.Item
                      style={{ cursor: 'pointer', alignItems: 'flex-start' }}
                      onClick={() => navigate(`/admin/stations/${st.id}`)}
                    >
                      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                        <Space size={6} wrap>
                          <span
                            aria-hidden
                            style={{
                              width: 10,
                              height: 10,
                              borderRadius: '50%',
                              background: KIND_COLOR[st.kind],
                              display: 'inline-block',
                            }}
                          />
                          <Link to={`/admin/stations/${st.id}`} onClick={(e) => e.stopPropagation()}>
                            {st.name}
                          </Link>
                          <OpenNowTag open={st.openNow} />
                        </Space>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {labels.kind[st.kind]} · {st.regionName} · {st.lat.toFixed(4)}, {st.lng.toFixed(4)}
                        </Typography.Text>
                        <CapacityChips capacity={st.capacity} />
                      </Space>
                    </List.Item>
                  )}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('stationConsole.mapPageHint', { n: items.length })}
                </Typography.Text>
              </Space>
            </Col>
          </Row>
        )}
      </Card>
      <StationFormDrawer open={creating} stationId={null} onClose={() => setCreating(false)} />
    </Space>
  );
}
