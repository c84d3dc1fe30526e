import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type SummaryItem, summaryXlsxUrl, useSummaries, useSummary } from './api';
import { pctText } from './metrics-page';

const METRIC_NAMES: Record<string, [string, string]> = {
  timely_sign: ['及时签收率', 'Timely sign-off'],
  on_time_resolve: ['按时办结率', 'On-time resolution'],
  response: ['响应率', 'Response'],
  resolution: ['解决率', 'Resolution'],
  satisfaction: ['满意率', 'Satisfaction'],
  reopen: ['重办率', 'Reopen'],
  return: ['退单率', 'Return'],
  handled: ['处理率', 'Handled'],
};

export function AppealSummariesPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useSummaries(page);
  return (
    <Card
      title={t('appealMetrics.summaries')}
      extra={<Typography.Text type="secondary">{t('appealMetrics.summariesHint')}</Typography.Text>}
    >
      <Table<SummaryItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('appealMetrics.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t('appealMetrics.week_'),
            dataIndex: 'weekStart',
            render: (v: string) => `${v} ~ ${dayjs(v).add(6, 'day').format('MM-DD')}`,
          },
          { title: t('appealMetrics.scope'), dataIndex: 'scopeName' },
          {
            title: '',
            dataIndex: 'scopeKind',
            render: (v: string) => (
              <Tag color={v === 'district' ? 'blue' : 'purple'}>{t(`appealMetrics.${v}`)}</Tag>
            ),
          },
          {
            title: t('appealMetrics.generatedAt'),
            dataIndex: 'generatedAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: '',
            key: 'a',
            align: 'right',
            render: (_: unknown, r) => (
              <Space>
                <Link to={`/admin/appeals/summaries/${r.id}`}>{t('appealMetrics.open')}</Link>
                <a href={summaryXlsxUrl(r.id)} download>
                  {t('appealMetrics.download')}
                </a>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function AppealSummaryPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const s = useSummary(id).data;
  if (!s) return <Card loading />;
  const p = s.payload;
  const en = i18n.language === 'en';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={`${p.scopeName} · ${p.weekStart} ~ ${p.weekEnd}`}
        extra={
          <Space>
            <Link to="/admin/appeals/summaries">{t('appealMetrics.back')}</Link>
            <Button type="primary" icon={<DownloadOutlined />} href={summaryXlsxUrl(s.id)}>
              {t('appealMetrics.download')}
            </Button>
          </Space>
        }
      >
        <Row gutter={16}>
          {(['newCases', 'resolved', 'overdue', 'reopened'] as const).map((k) => (
            <Col key={k} xs={12} md={6}>
              <Statistic title={t(`appealMetrics.${k}`)} value={p[k]} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={`${t('appealMetrics.title')} · ${s.metricsVersion}`}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} bordered>
          {p.metrics.map((m) => (
            <Descriptions.Item key={m.key} label={METRIC_NAMES[m.key]?.[en ? 1 : 0] ?? m.key}>
              {pctText(m.value)}{' '}
              <Typography.Text type="secondary">
                ({m.numerator}/{m.denominator})
              </Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card title={t('appealMetrics.topCategories')}>
            <Table
              size="small"
              rowKey="categoryId"
              pagination={false}
              dataSource={p.topCategories}
              columns={[
                { title: t('appealMetrics.rank'), render: (_: unknown, _r, i) => i + 1, width: 60 },
                { title: t('appealMetrics.name'), dataIndex: 'name' },
                { title: t('appealMetrics.count'), dataIndex: 'count', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={t('appealMetrics.unitsRanked')}>
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              dataSource={p.units}
              columns={[
                { title: t('appealMetrics.rank'), dataIndex: 'rank', width: 60 },
                { title: t('appealMetrics.unit'), dataIndex: 'name', ellipsis: true },
                { title: t('appealMetrics.resolved'), dataIndex: 'resolved', align: 'right' },
                {
                  title: t('appealMetrics.onTimeRate'),
                  dataIndex: 'onTimeRate',
                  align: 'right',
                  render: pctText,
                },
                { title: t('appealMetrics.overdueOpen'), dataIndex: 'overdueOpen', align: 'right' },
                { title: t('appealMetrics.returns'), dataIndex: 'returns', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
