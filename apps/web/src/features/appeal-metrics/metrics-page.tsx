import { InfoCircleOutlined, LockOutlined } from '@ant-design/icons';
import type { AppealChannel } from '@nuanxin/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Modal,
  Popover,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../i18n';
import {
  type BreakdownRow,
  type DrillQuery,
  type Granularity,
  type MetricDefinition,
  type MetricKey,
  type MetricsQuery,
  type MetricValue,
  useFreezeMonth,
  useMetricCases,
  useMetrics,
} from './api';
import { TrendChart } from './chart';

const REGIONS = [
  { value: '511102', zh: '市中区', en: 'Shizhong' },
  { value: '511111', zh: '沙湾区', en: 'Shawan' },
];

export const pctText = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function useDefs(defs: MetricDefinition[] | undefined) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useMemo(() => {
    const byKey = new Map((defs ?? []).map((d) => [d.key, d]));
    const name = (k: MetricKey) => {
      const d = byKey.get(k);
      return d ? (en ? d.nameEn : d.nameZh) : k;
    };
    return { byKey, name };
  }, [defs, en]);
}

function DefinitionPopover({ def }: { def: MetricDefinition }) {
  const { t } = useTranslation();
  return (
    <Popover
      title={`${def.nameZh} · ${t('appealMetrics.version')} v${def.version}`}
      content={
        <div style={{ maxWidth: 360 }}>
          <Typography.Paragraph style={{ marginBottom: 6 }}>
            <b>{t('appealMetrics.numerator')}：</b>
            {def.numerator}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 6 }}>
            <b>{t('appealMetrics.denominator')}：</b>
            {def.denominator}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {def.description}
          </Typography.Paragraph>
        </div>
      }
    >
      <Button type="link" size="small" icon={<InfoCircleOutlined />} style={{ padding: 0 }}>
        {t('appealMetrics.definition')}
      </Button>
    </Popover>
  );
}

function MetricCard({
  def,
  value,
  name,
  onDrill,
}: {
  def: MetricDefinition;
  value: MetricValue;
  name: string;
  onDrill: (side: 'numerator' | 'denominator') => void;
}) {
  const { t } = useTranslation();
  const v = value.value;
  const good = v === null ? undefined : def.higherIsBetter ? v >= 0.9 : v <= 0.1;
  return (
    <Card size="small" styles={{ body: { padding: 16 } }} style={{ height: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">{name}</Typography.Text>
        <DefinitionPopover def={def} />
      </Space>
      <div
        style={{
          fontSize: 30,
          fontWeight: 600,
          lineHeight: '40px',
          color: good === undefined ? '#8c8c8c' : good ? '#237804' : '#d4380d',
        }}
      >
        {v === null ? t('appealMetrics.notAssessed') : pctText(v)}
      </div>
      <Space size={4} style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill('numerator')}>
          {value.numerator}
        </Button>
        <span>/</span>
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill('denominator')}>
          {value.denominator}
        </Button>
        <Tag style={{ marginLeft: 8 }}>v{def.version}</Tag>
      </Space>
    </Card>
  );
}

function FreezeButton({ regionCode }: { regionCode: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [region, setRegion] = useState(regionCode);
  const freeze = useFreezeMonth();
  return (
    <>
      <Button icon={<LockOutlined />} onClick={() => setOpen(true)}>
        {t('appealMetrics.freeze')}
      </Button>
      <Modal
        open={open}
        title={t('appealMetrics.freezeTitle')}
        onCancel={() => setOpen(false)}
        confirmLoading={freeze.isPending}
        onOk={async () => {
          try {
            await freeze.mutateAsync({ month: month.format('YYYY-MM'), regionCode: region });
            message.success(t('appealMetrics.freezeDone'));
            setOpen(false);
          } catch (e) {
            message.error(errorText(e));
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('appealMetrics.freezeHint')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('appealMetrics.region')}>
            <Select
              value={region}
              onChange={setRegion}
              options={REGIONS.map((r) => ({ value: r.value, label: i18n.language === 'en' ? r.en : r.zh }))}
            />
          </Form.Item>
          <Form.Item label={t('appealMetrics.freezeMonth')}>
            <DatePicker
              picker="month"
              value={month}
              onChange={(d) => d && setMonth(d)}
              disabledDate={(d) => !d.isBefore(dayjs().startOf('month'))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function BreakdownTable({
  rows,
  keys,
  name,
  onDrill,
}: {
  rows: BreakdownRow[];
  keys: MetricKey[];
  name: (k: MetricKey) => string;
  onDrill: (row: BreakdownRow, k: MetricKey) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<BreakdownRow>
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: 960 }}
      locale={{ emptyText: t('appealMetrics.empty') }}
      columns={[
        { title: t('appealMetrics.name'), dataIndex: 'name', fixed: 'left', width: 220, ellipsis: true },
        ...keys.map((k) => ({
          title: name(k),
          key: k,
          align: 'right' as const,
          render: (_: unknown, r: BreakdownRow) => {
            const m = r.metrics.find((x) => x.key === k);
            if (!m || m.denominator === 0) return <Typography.Text type="secondary">—</Typography.Text>;
            return (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill(r, k)}>
                {pctText(m.value)}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                  {m.numerator}/{m.denominator}
                </Typography.Text>
              </Button>
            );
          },
        })),
      ]}
    />
  );
}

export function AppealMetricsPage({ canFreeze }: { canFreeze: boolean }) {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(1, 'year').add(1, 'day'), dayjs()]);
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [granularity, setGranularity] = useState<Granularity>('month');
  const query: MetricsQuery = {
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].format('YYYY-MM-DD'),
    regionCode,
    unitId,
    granularity,
  };
  const metrics = useMetrics(query);
  const data = metrics.data;
  const { byKey, name } = useDefs(data?.definitions);
  const [drill, setDrill] = useState<DrillQuery | null>(null);
  const cases = useMetricCases(drill);
  const keys = (data?.definitions ?? []).map((d) => d.key);
  const names = Object.fromEntries(keys.map((k) => [k, name(k)])) as Record<MetricKey, string>;
  const openDrill = (metric: MetricKey, side: 'numerator' | 'denominator', extra: Partial<DrillQuery> = {}) =>
    setDrill({ ...query, metric, side, page: 1, pageSize: 10, ...extra });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('appealMetrics.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('appealMetrics.subtitle')}</Typography.Text>
          </div>
          <Space wrap>
            <DatePicker.RangePicker
              aria-label={t('appealMetrics.range')}
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              presets={[
                {
                  label: i18n.language === 'en' ? 'Last month' : '上月',
                  value: [
                    dayjs().subtract(1, 'month').startOf('month'),
                    dayjs().subtract(1, 'month').endOf('month'),
                  ],
                },
                {
                  label: i18n.language === 'en' ? 'This year' : '本年',
                  value: [dayjs().startOf('year'), dayjs()],
                },
                {
                  label: i18n.language === 'en' ? 'Last 12 months' : '近一年',
                  value: [dayjs().subtract(1, 'year').add(1, 'day'), dayjs()],
                },
              ]}
            />
            <Select
              style={{ width: 160 }}
              aria-label={t('appealMetrics.region')}
              value={regionCode ?? ''}
              onChange={(v) => setRegionCode(v || undefined)}
              options={[
                { value: '', label: t('appealMetrics.allRegions') },
                ...REGIONS.map((r) => ({ value: r.value, label: i18n.language === 'en' ? r.en : r.zh })),
              ]}
            />
            <Select
              style={{ width: 220 }}
              aria-label={t('appealMetrics.unit')}
              value={unitId ?? ''}
              onChange={(v) => setUnitId(v || undefined)}
              showSearch
              optionFilterProp="label"
              options={[
                { value: '', label: t('appealMetrics.allUnits') },
                ...(data?.breakdowns.unit ?? []).map((u) => ({ value: u.key, label: u.name })),
              ]}
            />
            {canFreeze && <FreezeButton regionCode={regionCode ?? '511102'} />}
          </Space>
        </Space>
      </Card>

      {data?.frozen && (
        <Alert
          type="info"
          showIcon
          icon={<LockOutlined />}
          message={t('appealMetrics.frozen', {
            month: data.frozen.month,
            at: dayjs(data.frozen.frozenAt).format('YYYY-MM-DD HH:mm'),
          })}
        />
      )}
      {metrics.error && <Alert type="error" showIcon message={errorText(metrics.error)} />}

      <Row gutter={[16, 16]}>
        {(data?.totals ?? []).map((v) => {
          const def = byKey.get(v.key);
          return def ? (
            <Col key={v.key} xs={24} sm={12} lg={6}>
              <MetricCard def={def} value={v} name={name(v.key)} onDrill={(side) => openDrill(v.key, side)} />
            </Col>
          ) : null;
        })}
      </Row>

      <Card
        title={t('appealMetrics.trend')}
        extra={
          <Segmented<Granularity>
            value={granularity}
            onChange={setGranularity}
            options={(['day', 'week', 'month'] as const).map((g) => ({
              value: g,
              label: t('appealMetrics.byPeriod', { g: t(`appealMetrics.${g}`) }),
            }))}
          />
        }
      >
        {data && (
          <TrendChart
            series={data.series}
            names={names}
            countLabel={i18n.language === 'en' ? 'Appeals' : '登记件数'}
            onPick={(bucket) => openDrill('response', 'denominator', { bucket })}
          />
        )}
      </Card>

      <Card title={t('appealMetrics.breakdown')}>
        <Tabs
          items={(
            [
              ['unit', 'byUnit'],
              ['category', 'byCategory'],
              ['channel', 'byChannel'],
              ['region', 'byRegion'],
            ] as const
          ).map(([dim, label]) => ({
            key: dim,
            label: t(`appealMetrics.${label}`),
            children: (
              <BreakdownTable
                rows={data?.breakdowns[dim] ?? []}
                keys={keys}
                name={name}
                onDrill={(row, k) =>
                  openDrill(k, 'numerator', {
                    ...(dim === 'unit' ? { unitId: row.key } : {}),
                    ...(dim === 'category' ? { categoryId: row.key } : {}),
                    // The channel breakdown's keys are channel values.
                    ...(dim === 'channel' ? { channel: row.key as AppealChannel } : {}),
                    ...(dim === 'region' ? { regionCode: row.key } : {}),
                  })
                }
              />
            ),
          }))}
        />
      </Card>

      <Drawer
        width={760}
        open={drill !== null}
        onClose={() => setDrill(null)}
        title={
          drill
            ? t('appealMetrics.drillTitle', {
                metric: name(drill.metric),
                side: t(`appealMetrics.${drill.side}`),
                n: cases.data?.total ?? 0,
              })
            : ''
        }
      >
        {drill && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Segmented
              value={drill.side}
              onChange={(side) => setDrill({ ...drill, side: side as 'numerator' | 'denominator', page: 1 })}
              options={[
                { value: 'numerator', label: t('appealMetrics.numerator') },
                { value: 'denominator', label: t('appealMetrics.denominator') },
              ]}
            />
            <Table
              size="small"
              rowKey="id"
              loading={cases.isFetching}
              dataSource={cases.data?.items ?? []}
              pagination={{
                current: drill.page,
                pageSize: drill.pageSize,
                total: cases.data?.total ?? 0,
                onChange: (page, pageSize) => setDrill({ ...drill, page, pageSize }),
              }}
              columns={[
                {
                  title: t('appealMetrics.caseNo'),
                  dataIndex: 'caseNo',
                  width: 200,
                  render: (v: string, r) => <Link to={`/admin/appeals/${r.id}`}>{v}</Link>,
                },
                { title: t('appealMetrics.caseTitle'), dataIndex: 'title', ellipsis: true },
                {
                  title: t('appealMetrics.state'),
                  dataIndex: 'stateLabel',
                  width: 90,
                  render: (v: string) => <Tag>{v}</Tag>,
                },
                { title: t('appealMetrics.leadUnit'), dataIndex: 'leadUnitName', width: 160, ellipsis: true },
                {
                  title: t('appealMetrics.createdAt'),
                  dataIndex: 'createdAt',
                  width: 120,
                  render: (v: string) => dayjs(v).format('YYYY-MM-DD'),
                },
              ]}
            />
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
