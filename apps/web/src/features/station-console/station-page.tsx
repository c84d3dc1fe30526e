import {
  AccountBookOutlined,
  ArrowLeftOutlined,
  DashboardOutlined,
  EditOutlined,
  PhoneOutlined,
  PrinterOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { StationDetailDto } from '@nuanxin/shared';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Progress,
  Result,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MapView } from '../../components/map';
import { errorText } from '../../i18n';
import { useServiceTypes, useStation, useVisits } from './api';
import { capacityLevel, freePercent, LEVEL_COLOR, latest, orderedCapacity } from './capacity';
import {
  KIND_COLOR,
  KindTag,
  LiveTag,
  OpenNowTag,
  ServiceIcon,
  StatusTag,
  serviceName,
  useAgeText,
  useStationLabels,
} from './labels';
import { StationPhotosCard } from './photos-card';
import { StationFormDrawer } from './station-form';

/** ECharts loads with the visits tab only, not with the list or the board. */
const VisitsChart = lazy(() => import('./visits-chart').then((m) => ({ default: m.VisitsChart })));

function ServicesList({ station }: { station: StationDetailDto }) {
  const { t } = useTranslation();
  const { locale } = useStationLabels();
  const catalogue = useServiceTypes();
  const byCode = new Map((catalogue.data ?? []).map((c) => [c.code, c]));
  const basics = station.services.filter((s) => s.basic).length;
  return (
    <Card
      title={t('stationConsole.detail.services')}
      size="small"
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('stationConsole.services.count', { basic: basics, extra: station.services.length - basics })}
        </Typography.Text>
      }
    >
      {station.services.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stationConsole.services.none')} />
      ) : (
        <List
          size="small"
          grid={{ gutter: 8, xs: 1, sm: 2, md: 2, lg: 2, xl: 3 }}
          dataSource={station.services}
          renderItem={(s) => (
            <List.Item style={{ marginBottom: 8 }}>
              <div
                style={{
                  border: '1px solid #f0e6e0',
                  borderRadius: 8,
                  padding: '8px 10px',
                  background: s.basic ? '#fffaf5' : '#fff',
                  height: '100%',
                }}
              >
                <Space size={6}>
                  <span style={{ color: '#d4380d' }}>
                    <ServiceIcon code={s.code} />
                  </span>
                  <Typography.Text strong>
                    {serviceName(s.code, locale, byCode.get(s.code) ?? s)}
                  </Typography.Text>
                  {s.basic ? (
                    <Tag style={{ marginInlineEnd: 0 }}>{t('stationConsole.catalogue.basicTag')}</Tag>
                  ) : null}
                </Space>
                {s.hoursText ? (
                  <div style={{ fontSize: 12, color: '#6b4a3a', marginTop: 2 }}>
                    {t('stationConsole.detail.serviceHours')}：{s.hoursText}
                  </div>
                ) : null}
                {s.note ? <div style={{ fontSize: 12, color: '#8c8c8c', marginTop: 2 }}>{s.note}</div> : null}
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function CapacityCard({ station }: { station: StationDetailDto }) {
  const { t } = useTranslation();
  const { labels } = useStationLabels();
  const age = useAgeText();
  const items = orderedCapacity(station.capacity);
  const last = latest(station.liveStatusAt, ...station.capacity.map((c) => c.updatedAt));
  return (
    <Card
      title={t('stationConsole.detail.capacity')}
      size="small"
      extra={
        station.actions?.setLive ? (
          <Link to="/admin/stations/board">
            <DashboardOutlined /> {t('stationConsole.detail.toBoard')}
          </Link>
        ) : null
      }
    >
      <Space style={{ marginBottom: 8 }} wrap>
        <LiveTag live={station.liveStatus} />
        <OpenNowTag open={station.openNow} />
        {last ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('stationConsole.board.updated', { age: age(last, new Date()) })}
          </Typography.Text>
        ) : null}
      </Space>
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('stationConsole.board.noCapacity')}</Typography.Text>
      ) : (
        items.map((c) => (
          <div key={c.resource} style={{ marginBottom: 6 }}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <span>{labels.resource[c.resource]}</span>
              <span style={{ fontVariantNumeric: 'tabular-nums' }}>
                <b style={{ color: LEVEL_COLOR[capacityLevel(c)] }}>{c.available}</b> / {c.total}
              </span>
            </Space>
            <Progress
              percent={freePercent(c)}
              showInfo={false}
              size="small"
              strokeColor={LEVEL_COLOR[capacityLevel(c)]}
            />
          </div>
        ))
      )}
    </Card>
  );
}

function VisitsPanel({ station }: { station: StationDetailDto }) {
  const { t } = useTranslation();
  const [granularity, setGranularity] = useState<'day' | 'month'>('day');
  const visits = useVisits(station.id, granularity);
  return (
    <Card
      title={t('stationConsole.visits.title')}
      extra={
        <Segmented<'day' | 'month'>
          value={granularity}
          onChange={setGranularity}
          options={[
            { value: 'day', label: t('stationConsole.visits.day') },
            { value: 'month', label: t('stationConsole.visits.month') },
          ]}
        />
      }
    >
      {visits.isLoading ? (
        <Skeleton active />
      ) : visits.error || !visits.data ? (
        <Result status="warning" title={t('common.loadFailed')} subTitle={errorText(visits.error)} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 8 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('stationConsole.visits.visitsTotal')} value={visits.data.visits} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('stationConsole.visits.workersTotal')} value={visits.data.workers} />
            </Col>
            <Col xs={24} md={12} style={{ display: 'flex', alignItems: 'flex-end' }}>
              <Typography.Text type="secondary">
                {t('stationConsole.visits.period', { from: visits.data.from, to: visits.data.to })}
              </Typography.Text>
            </Col>
          </Row>
          {visits.data.visits === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stationConsole.visits.empty')} />
          ) : (
            <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
              <VisitsChart
                data={visits.data}
                ariaLabel={t('stationConsole.visits.chartLabel')}
                names={{
                  visits: t('stationConsole.visits.visits'),
                  workers: t('stationConsole.visits.workers'),
                }}
              />
            </Suspense>
          )}
        </>
      )}
    </Card>
  );
}

function Overview({ station }: { station: StationDetailDto }) {
  const { t } = useTranslation();
  const { labels } = useStationLabels();
  const points = useMemo(
    () => [
      {
        id: station.id,
        lat: station.lat,
        lng: station.lng,
        label: station.name,
        color: KIND_COLOR[station.kind],
      },
    ],
    [station.id, station.lat, station.lng, station.name, station.kind],
  );
  const openTo = [
    station.openToWorkers ? t('stationConsole.detail.workers') : null,
    station.openToResidents ? t('stationConsole.detail.residents') : null,
  ].filter(Boolean);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('stationConsole.detail.basics')} size="small">
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              items={[
                { key: 'code', label: t('stationConsole.detail.code'), children: station.code },
                { key: 'kind', label: t('stationConsole.detail.kind'), children: labels.kind[station.kind] },
                {
                  key: 'host',
                  label: t('stationConsole.detail.hostType'),
                  children: labels.hostType[station.hostType],
                },
                {
                  key: 'operator',
                  label: t('stationConsole.detail.operator'),
                  children: station.operatorOrgName,
                },
                { key: 'region', label: t('stationConsole.detail.region'), children: station.regionName },
                {
                  key: 'phone',
                  label: t('stationConsole.detail.phone'),
                  children: station.phone ? (
                    <span>
                      <PhoneOutlined /> {station.phone}
                    </span>
                  ) : (
                    '—'
                  ),
                },
                {
                  key: 'address',
                  label: t('stationConsole.detail.address'),
                  span: 2,
                  children: station.address,
                },
                {
                  key: 'hours',
                  label: t('stationConsole.detail.hours'),
                  span: 2,
                  children: (
                    <Space size={6} wrap>
                      <span>{station.hoursText}</span>
                      <OpenNowTag open={station.openNow} />
                    </Space>
                  ),
                },
                {
                  key: 'openTo',
                  label: t('stationConsole.detail.openTo'),
                  children: openTo.join('、') || '—',
                },
                {
                  key: 'status',
                  label: t('stationConsole.detail.status'),
                  children: <StatusTag status={station.status} />,
                },
                {
                  key: 'location',
                  label: t('stationConsole.detail.location'),
                  children: (
                    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {station.lat.toFixed(6)}, {station.lng.toFixed(6)}
                    </span>
                  ),
                },
                {
                  key: 'updated',
                  label: t('stationConsole.detail.updatedAt'),
                  children: dayjs(station.updatedAt).format('YYYY-MM-DD HH:mm'),
                },
                ...(station.description
                  ? [
                      {
                        key: 'desc',
                        label: t('stationConsole.form.description'),
                        span: 2,
                        children: station.description,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          <ServicesList station={station} />
          <StationPhotosCard station={station} canEdit={Boolean(station.actions?.update)} />
        </Space>
      </Col>
      <Col xs={24} xl={9}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <CapacityCard station={station} />
          <Card title={t('stationConsole.detail.keepers')} size="small">
            {(station.keepers ?? []).length === 0 ? (
              <Typography.Text type="secondary">{t('stationConsole.detail.noKeepers')}</Typography.Text>
            ) : (
              <Space wrap>
                {(station.keepers ?? []).map((k) => (
                  <Tag key={k.userId} icon={<UserOutlined />} style={{ padding: '2px 8px' }}>
                    {k.name}
                  </Tag>
                ))}
              </Space>
            )}
          </Card>
          <MapView
            ariaLabel={t('stationConsole.detail.mapLabel')}
            height={240}
            points={points}
            center={station}
            zoom={16}
            fallbackNotice={t('stationConsole.detail.mapFallback')}
          />
        </Space>
      </Col>
    </Row>
  );
}

/** One station: its record, services, capacity, keepers and visit figures. */
export function StationPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const station = useStation(id);
  const [editing, setEditing] = useState(false);
  if (station.isLoading) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (station.error || !station.data)
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={errorText(station.error)}
        extra={
          <Link to="/admin/stations">
            <Button>{t('stationConsole.detail.back')}</Button>
          </Link>
        }
      />
    );
  const s = station.data;
  const actions = s.actions;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Link to="/admin/stations" style={{ fontSize: 13 }}>
            <ArrowLeftOutlined /> {t('stationConsole.detail.back')}
          </Link>
          <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap align="center">
            <Space size={10} wrap align="center">
              <Typography.Title level={4} style={{ margin: 0 }}>
                {s.name}
              </Typography.Title>
              <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {s.code}
              </Typography.Text>
              <KindTag kind={s.kind} />
              <StatusTag status={s.status} />
              <LiveTag live={s.liveStatus} />
              <OpenNowTag open={s.openNow} />
            </Space>
            <Space wrap>
              {actions?.visits || actions?.setLive ? (
                <Link to={`/admin/stations/${s.id}/accounts`}>
                  <Button icon={<AccountBookOutlined />}>{t('paymentsConsole.menu')}</Button>
                </Link>
              ) : null}
              {actions?.visits || actions?.setLive ? (
                <Link to={`/admin/stations/${s.id}/meals`}>
                  <Button>{t('mealsConsole.menu')}</Button>
                </Link>
              ) : null}
              {(actions?.visits || actions?.setLive) &&
              s.services.some((x) => x.code === 'proxy_affairs' || x.code === 'holiday_childcare') ? (
                <Link to={`/admin/stations/${s.id}/canteen-services`}>
                  <Button>{t('canteenServicesConsole.menu')}</Button>
                </Link>
              ) : null}
              {(actions?.visits || actions?.setLive) && s.services.some((x) => x.code === 'lodging') ? (
                <Link to={`/admin/stations/${s.id}/hub`} data-testid="open-hub">
                  <Button>{t('hubConsole.stationButton')}</Button>
                </Link>
              ) : null}
              {actions?.poster ? (
                <Link to={`/admin/stations/${s.id}/poster`}>
                  <Button icon={<PrinterOutlined />}>{t('stationConsole.detail.poster')}</Button>
                </Link>
              ) : null}
              {actions?.update ? (
                <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('stationConsole.detail.edit')}
                </Button>
              ) : null}
            </Space>
          </Space>
        </Space>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            {
              key: 'overview',
              label: t('stationConsole.detail.tabs.overview'),
              children: <Overview station={s} />,
            },
            ...(actions?.visits
              ? [
                  {
                    key: 'visits',
                    label: t('stationConsole.detail.tabs.visits'),
                    children: <VisitsPanel station={s} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <StationFormDrawer open={editing} stationId={s.id} onClose={() => setEditing(false)} />
    </Space>
  );
}
