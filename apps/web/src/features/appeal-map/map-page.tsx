import { ReloadOutlined } from '@ant-design/icons';
import {
  APPEAL_MAP_QUEUES,
  APPEAL_STATES,
  type AppealMapPointDto,
  type AppealMapQueue,
  type AppealState,
} from '@nuanxin/shared';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Result,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MapView, type MapViewport } from '../../components/map';
import { errorText } from '../../i18n';
import { categoryTree, useAppealCategories } from '../appeals/api/appeals';
import { StateTag, UrgencyTag } from '../appeals/components/admin/appeal-tags';
import { categoryTreeData } from '../appeals/components/admin/category-select';
import { type AppealMapFilters, useAppealMap } from './api';
import { byUrgencyOfAttention, caseColor, MAP_COLORS } from './colors';

/** Before the first fit: the whole of 乐山市 (WGS-84), so every district's staff see their cases. */
const HOME: { bbox: [number, number, number, number]; zoom: number } = {
  bbox: [102.8, 28.3, 104.4, 30.1],
  zoom: 9,
};

const NO_POINTS: AppealMapPointDto[] = [];

/** 在办 and 全部 first, then the workbench queues ("mine" is for the workbench). */
const SCOPE_OPTIONS: AppealMapQueue[] = [
  'open',
  'all',
  ...APPEAL_MAP_QUEUES.filter((q) => q !== 'open' && q !== 'all' && q !== 'mine'),
];

/** Filters live in the URL, so a refresh or a shared link keeps them. */
function useFilters(): [AppealMapFilters, (patch: Partial<AppealMapFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const queue = params.get('queue');
  const state = params.get('state');
  const filters: AppealMapFilters = {
    queue: APPEAL_MAP_QUEUES.includes(queue as AppealMapQueue) ? (queue as AppealMapQueue) : 'open',
    state: APPEAL_STATES.includes(state as AppealState) ? (state as AppealState) : undefined,
    categoryId: params.get('categoryId') ?? undefined,
  };
  const set = (patch: Partial<AppealMapFilters>) => {
    const next = { ...filters, ...patch };
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '') p.set(k, String(v));
    setParams(p, { replace: true });
  };
  return [filters, set];
}

function Legend() {
  const { t } = useTranslation();
  const items: [string, string][] = [
    [MAP_COLORS.overdue, t('appealMap.legendOverdue')],
    [MAP_COLORS.new, t('appealMap.legendNew')],
    [MAP_COLORS.inHands, t('appealMap.legendInHands')],
    [MAP_COLORS.done, t('appealMap.legendDone')],
    [MAP_COLORS.closed, t('appealMap.legendClosed')],
  ];
  return (
    <ul
      aria-label={t('appealMap.legend')}
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
      {items.map(([color, label]) => (
        <li key={label} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span
            aria-hidden
            style={{ width: 10, height: 10, borderRadius: '50%', background: color, display: 'inline-block' }}
          />
          {label}
        </li>
      ))}
    </ul>
  );
}

function CasePopup({ p }: { p: AppealMapPointDto }) {
  const { t } = useTranslation();
  return (
    <div>
      <div style={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{p.caseNo}</div>
      <div>{p.categoryName}</div>
      <div>
        {t(`appeals.state.${p.state}`)}
        {p.overdue ? <span style={{ color: MAP_COLORS.overdue }}> · {t('appealMap.overdue')}</span> : null}
      </div>
      <Link to={`/admin/appeals/${p.id}`}>{t('appealMap.openCase')}</Link>
    </div>
  );
}

/** 诉求地图: the cases in view, clustered, coloured by state and overdue, with their list beside. */
export function AppealMapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filters, setFilters] = useFilters();
  const filterKey = JSON.stringify(filters);
  // The view the map reports; null until the map has been fitted for these filters.
  const [view, setView] = useState<{ key: string; v: MapViewport } | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const categories = useAppealCategories();
  const tree = useMemo(() => categoryTreeData(categoryTree(categories.data ?? [])), [categories.data]);

  const current = view && view.key === filterKey ? view.v : HOME;
  const data = useAppealMap({ ...filters, bbox: current.bbox, zoom: current.zoom });
  const onViewChange = useCallback((v: MapViewport) => setView({ key: filterKey, v }), [filterKey]);
  const onTilesFailed = useCallback(() => setTilesFailed(true), []);
  const onTilesLoaded = useCallback(() => setTilesFailed(false), []);

  const points = data.data?.points ?? NO_POINTS;
  const mapPoints = useMemo(
    () =>
      points.map((p) => ({
        id: p.id,
        lat: p.lat,
        lng: p.lng,
        label: `${p.caseNo} ${p.categoryName} ${t(`appeals.state.${p.state}`)}${p.overdue ? ` ${t('appealMap.overdue')}` : ''}`,
        color: caseColor(p),
        alert: p.overdue,
      })),
    [points, t],
  );
  const mapClusters = useMemo(
    () =>
      (data.data?.clusters ?? []).map((c) => ({
        lat: c.lat,
        lng: c.lng,
        count: c.count,
        alert: c.overdue,
        bounds: c.bounds,
      })),
    [data.data?.clusters],
  );
  const byId = useMemo(() => new Map(points.map((p) => [p.id, p])), [points]);
  const rows = useMemo(() => [...points].sort(byUrgencyOfAttention), [points]);
  const clustered = data.data?.mode === 'clusters';
  const total = data.data?.total ?? 0;
  const workbenchLink = `/admin/appeals?${new URLSearchParams({
    queue: filters.queue === 'open' ? 'all' : filters.queue,
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
  }).toString()}`;

  return (
    <Card
      title={t('appealMap.title')}
      extra={
        <Tooltip title={t('appeals.workbench.refresh')}>
          <Button
            aria-label={t('appeals.workbench.refresh')}
            icon={<ReloadOutlined />}
            loading={data.isFetching}
            onClick={() => void data.refetch()}
          />
        </Tooltip>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('appealMap.subtitle')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<AppealMapQueue>
          aria-label={t('appealMap.scope')}
          style={{ width: 220 }}
          value={filters.queue}
          onChange={(queue) => setFilters({ queue })}
          options={SCOPE_OPTIONS.map((q) => ({
            value: q,
            label: q === 'open' ? t('appealMap.queueOpen') : t(`appeals.queue.${q}`),
          }))}
        />
        <Select<AppealState | undefined>
          allowClear
          aria-label={t('appealMap.state')}
          placeholder={t('appealMap.anyState')}
          style={{ width: 140 }}
          value={filters.state}
          onChange={(state) => setFilters({ state })}
          options={APPEAL_STATES.map((s) => ({ value: s, label: t(`appeals.state.${s}`) }))}
        />
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          aria-label={t('appealMap.category')}
          placeholder={t('appealMap.category')}
          style={{ width: 240 }}
          value={filters.categoryId}
          onChange={(categoryId?: string) => setFilters({ categoryId })}
          treeData={tree}
          loading={categories.isLoading}
          treeDefaultExpandAll
        />
        <Legend />
      </Space>
      {data.error && !data.data ? (
        <Result
          status="warning"
          title={t('appealMap.loadFailed')}
          subTitle={errorText(data.error)}
          extra={
            <Button type="primary" onClick={() => void data.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <MapView
              ariaLabel={t('appealMap.mapLabel')}
              height={560}
              points={mapPoints}
              clusters={mapClusters}
              fitKey={data.data && !data.isPlaceholderData ? filterKey : undefined}
              onViewChange={onViewChange}
              onTilesFailed={onTilesFailed}
              onTilesLoaded={onTilesLoaded}
              clusterTitle={(count) => t('appealMap.clusterTitle', { count })}
              renderPopup={(p) => {
                const c = byId.get(p.id);
                return c ? <CasePopup p={c} /> : p.label;
              }}
            />
          </Col>
          <Col xs={24} xl={9}>
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              {tilesFailed ? <Alert type="warning" showIcon title={t('appealMap.tilesFailedList')} /> : null}
              {data.error ? <Alert type="error" showIcon title={errorText(data.error)} /> : null}
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong>{t('appealMap.inView')}</Typography.Text>
                <Typography.Text type="secondary" aria-live="polite">
                  {data.data ? t('appealMap.inViewCount', { count: total }) : ''}
                </Typography.Text>
              </Space>
              {clustered ? (
                <Alert
                  type="info"
                  title={t('appealMap.clustered', { count: total })}
                  action={
                    <Link to={workbenchLink}>
                      <Button size="small">{t('appealMap.toWorkbench')}</Button>
                    </Link>
                  }
                />
              ) : (
                <Table<AppealMapPointDto>
                  rowKey="id"
                  size="small"
                  dataSource={rows}
                  loading={data.isLoading || (data.isFetching && data.isPlaceholderData)}
                  pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true, showSizeChanger: false }}
                  locale={{
                    emptyText: (
                      <Empty
                        image={Empty.PRESENTED_IMAGE_SIMPLE}
                        description={
                          <span>
                            {t('appealMap.empty')}
                            <br />
                            <Typography.Text type="secondary">{t('appealMap.emptyHint')}</Typography.Text>
                          </span>
                        }
                      />
                    ),
                  }}
                  onRow={(p) => ({
                    onClick: () => navigate(`/admin/appeals/${p.id}`),
                    style: { cursor: 'pointer' },
                  })}
                  columns={[
                    {
                      title: t('appealMap.caseNo'),
                      dataIndex: 'caseNo',
                      render: (_, p) => (
                        <Space orientation="vertical" size={0}>
                          <Link
                            to={`/admin/appeals/${p.id}`}
                            onClick={(e) => e.stopPropagation()}
                            style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', fontSize: 13 }}
                          >
                            {p.caseNo}
                          </Link>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {p.categoryName}
                          </Typography.Text>
                        </Space>
                      ),
                    },
                    {
                      title: t('appeals.field.state'),
                      dataIndex: 'state',
                      width: 110,
                      render: (_, p) => (
                        <Space size={4} wrap>
                          <StateTag state={p.state} />
                          {p.overdue ? <Tag color="red">{t('appealMap.overdue')}</Tag> : null}
                        </Space>
                      ),
                    },
                    {
                      title: t('appealMap.urgency'),
                      dataIndex: 'urgency',
                      width: 72,
                      render: (_, p) => <UrgencyTag urgency={p.urgency} />,
                    },
                  ]}
                />
              )}
            </Space>
          </Col>
        </Row>
      )}
    </Card>
  );
}
