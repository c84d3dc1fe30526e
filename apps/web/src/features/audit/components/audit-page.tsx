import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/admin/query-state';
import { type AuditEntryDto, type AuditQuery, useAudit } from '../api/audit';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OUTCOME_COLOR: Record<string, string> = { success: 'green', denied: 'orange', failure: 'red' };

interface Filters {
  action?: string;
  actorId?: string;
  outcome?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function Json({ value }: { value: unknown }) {
  return (
    <pre
      style={{
        margin: 0,
        fontSize: 12,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        maxHeight: 280,
        overflow: 'auto',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function Summary({ summary }: { summary: unknown }) {
  const { t } = useTranslation();
  if (summary === null || summary === undefined)
    return <Typography.Text type="secondary">{t('admin.audit.noSummary')}</Typography.Text>;
  if (typeof summary !== 'object') return <span>{String(summary)}</span>;
  const s = summary as { before?: unknown; after?: unknown; note?: unknown };
  return (
    <Descriptions size="small" bordered column={1}>
      {s.note !== undefined ? (
        <Descriptions.Item label={t('admin.audit.note')}>{String(s.note)}</Descriptions.Item>
      ) : null}
      {s.before !== undefined ? (
        <Descriptions.Item label={t('admin.audit.before')}>
          <Json value={s.before} />
        </Descriptions.Item>
      ) : null}
      {s.after !== undefined ? (
        <Descriptions.Item label={t('admin.audit.after')}>
          <Json value={s.after} />
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const audit = useAudit(query);

  const apply = (f: Filters) => {
    const [from, to] = f.range ?? [null, null];
    setQuery({
      page: 1,
      pageSize: query.pageSize,
      action: f.action?.trim() || undefined,
      actorId: f.actorId?.trim() || undefined,
      outcome: f.outcome || undefined,
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.add(1, 'day').startOf('day').toISOString() : undefined,
    });
  };

  const columns: ColumnsType<AuditEntryDto> = [
    {
      title: t('admin.audit.at'),
      dataIndex: 'at',
      width: 170,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('admin.audit.actorName'),
      dataIndex: 'actorName',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.actorName ?? '—'}</span>
          {r.actorRole ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.actorRole
                .split(',')
                .map((x) => t(`roles.${x}`, { defaultValue: x }))
                .join('、')}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('admin.audit.action'),
      dataIndex: 'action',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('admin.audit.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (v: string) => (
        <Tag color={OUTCOME_COLOR[v] ?? 'default'}>{t(`admin.audit.${v}`, { defaultValue: v })}</Tag>
      ),
    },
    {
      title: t('admin.audit.entity'),
      key: 'entity',
      render: (_, r) =>
        r.entityType ? `${r.entityType}${r.entityId ? ` · ${r.entityId.slice(0, 8)}` : ''}` : '—',
    },
    { title: t('admin.audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card title={t('admin.audit.title')}>
      <Form<Filters> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item name="action" label={t('admin.audit.action')}>
          <Input
            aria-label={t('admin.audit.action')}
            placeholder={t('admin.audit.actionPlaceholder')}
            allowClear
            style={{ width: 180 }}
          />
        </Form.Item>
        <Form.Item
          name="actorId"
          label={t('admin.audit.actor')}
          rules={[{ pattern: UUID_RE, message: t('errors.common.validation') }]}
        >
          <Input
            aria-label={t('admin.audit.actor')}
            placeholder={t('admin.audit.actorPlaceholder')}
            allowClear
            style={{ width: 300 }}
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('admin.audit.outcome')}>
          <Select
            aria-label={t('admin.audit.outcome')}
            allowClear
            style={{ width: 120 }}
            options={['success', 'denied', 'failure'].map((o) => ({
              value: o,
              label: t(`admin.audit.${o}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t('admin.audit.dateRange')}>
          <DatePicker.RangePicker
            aria-label={t('admin.audit.dateRange')}
            placeholder={[t('admin.audit.startDate'), t('admin.audit.endDate')]}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setQuery({ page: 1, pageSize: query.pageSize });
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <QueryState isLoading={audit.isLoading} error={audit.error} onRetry={() => void audit.refetch()}>
        <Table<AuditEntryDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching && !audit.isLoading}
          expandable={{
            expandedRowRender: (r) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Summary summary={r.summary} />
                {r.requestId ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('common.requestId')}: {r.requestId}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </QueryState>
    </Card>
  );
}
