import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Card,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { QueryState } from '../../../../components/admin/query-state';
import { categoryTree, useAppealCategories, useAppealQueues, useAppeals } from '../../api/appeals';
import {
  APPEAL_TYPES,
  type AppealQueue,
  type AppealSummary,
  type AppealsQuery,
  type AppealType,
  CONSOLE_QUEUES,
} from '../../api/types';
import { DeadlineCell, StateTag, SupervisedBadge, UrgencyTag } from './appeal-tags';
import { categoryTreeData } from './category-select';

const DANGER_QUEUES = new Set<AppealQueue>(['overdue', 'return_review']);

/** Reads the workbench filters from the URL so a refresh or a shared link keeps them. */
function useWorkbenchQuery(
  defaultQueue: AppealQueue,
): [AppealsQuery, (patch: Partial<AppealsQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const query: AppealsQuery = {
    queue: (params.get('queue') as AppealQueue | null) ?? defaultQueue,
    q: params.get('q') ?? undefined,
    type: (params.get('type') as AppealType | null) ?? undefined,
    categoryId: params.get('categoryId') ?? undefined,
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
  };
  const set = (patch: Partial<AppealsQuery>) => {
    const next = { ...query, ...patch, page: patch.page ?? 1 };
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '') p.set(k, String(v));
    setParams(p, { replace: true });
  };
  return [query, set];
}

/** 诉求工作台: queue tabs with counts, filters and the server-paginated case table (APL-03, APL-06). */
export function AppealsWorkbenchPage({
  canIntake,
  defaultQueue,
}: {
  canIntake: boolean;
  defaultQueue: AppealQueue;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, set] = useWorkbenchQuery(defaultQueue);
  const queues = useAppealQueues();
  const list = useAppeals(query);
  // Cases keep a category that was disabled since: the filter offers it too.
  const categories = useAppealCategories({ includeDisabled: true });
  const tree = useMemo(() => categoryTreeData(categoryTree(categories.data ?? [])), [categories.data]);

  const columns: ColumnsType<AppealSummary> = [
    {
      title: t('appeals.field.caseNo'),
      dataIndex: 'caseNo',
      width: 190,
      render: (_, a) => (
        <Space orientation="vertical" size={2}>
          <Link to={`/admin/appeals/${a.id}`} onClick={(e) => e.stopPropagation()}>
            <Typography.Text style={{ fontVariantNumeric: 'tabular-nums', color: 'inherit' }}>
              {a.caseNo}
            </Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {dayjs(a.createdAt).format('YYYY-MM-DD HH:mm')} · {t(`appeals.channel.${a.channel}`, a.channel)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('appeals.field.title'),
      dataIndex: 'title',
      width: 280,
      ellipsis: true,
      render: (_, a) => (
        <Space size={6}>
          {a.supervised ? <SupervisedBadge /> : null}
          {a.reopenCount > 0 ? (
            <Tooltip title={t('appeals.reopenCount', { count: a.reopenCount })}>
              <Badge count={`${t('appeals.reopenShort')}${a.reopenCount}`} color="#fa8c16" />
            </Tooltip>
          ) : null}
          <span>{a.title}</span>
        </Space>
      ),
    },
    {
      title: t('appeals.field.category'),
      dataIndex: 'categoryName',
      width: 140,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('appeals.field.type'),
      dataIndex: 'type',
      width: 70,
      render: (v: AppealType) => t(`appeals.type.${v}`),
    },
    {
      title: t('appeals.field.urgency'),
      dataIndex: 'urgency',
      width: 80,
      render: (_, a) => <UrgencyTag urgency={a.urgency} />,
    },
    {
      title: t('appeals.field.region'),
      dataIndex: 'regionName',
      width: 110,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('appeals.field.leadUnit'),
      dataIndex: 'leadUnitName',
      width: 170,
      ellipsis: true,
      render: (v: string | null) =>
        v ?? <Typography.Text type="secondary">{t('appeals.notDispatched')}</Typography.Text>,
    },
    {
      title: t('appeals.field.state'),
      dataIndex: 'state',
      width: 100,
      render: (_, a) => <StateTag state={a.state} />,
    },
    {
      title: t('appeals.field.deadline'),
      dataIndex: 'dueAt',
      width: 150,
      render: (_, a) => <DeadlineCell appeal={a} />,
    },
  ];

  const counts = queues.data ?? {};
  return (
    <Card
      title={t('appeals.workbench.title')}
      extra={
        <Space>
          <Tooltip title={t('appeals.workbench.refresh')}>
            <Button
              aria-label={t('appeals.workbench.refresh')}
              icon={<ReloadOutlined />}
              onClick={() => {
                void queues.refetch();
                void list.refetch();
              }}
            />
          </Tooltip>
          {canIntake ? (
            <Button type="primary" icon={<PhoneOutlined />} onClick={() => navigate('/admin/appeals/new')}>
              {t('appeals.hotline.title')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Tabs
        activeKey={query.queue}
        onChange={(queue) => set({ queue: queue as AppealQueue })}
        items={CONSOLE_QUEUES.map((q) => ({
          key: q,
          label: (
            <span>
              {t(`appeals.queue.${q}`)}
              {q !== 'all' && counts[q] !== undefined ? (
                <Badge
                  count={counts[q]}
                  overflowCount={999}
                  showZero
                  color={
                    DANGER_QUEUES.has(q) && (counts[q] ?? 0) > 0
                      ? '#cf1322'
                      : q === 'due_soon' && (counts[q] ?? 0) > 0
                        ? '#fa8c16'
                        : '#bfbfbf'
                  }
                  style={{ marginInlineStart: 6 }}
                />
              ) : null}
            </span>
          ),
        }))}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('appeals.workbench.search')}
          placeholder={t('appeals.workbench.searchPlaceholder')}
          defaultValue={query.q}
          style={{ width: 280 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
        <Select<AppealType | undefined>
          allowClear
          aria-label={t('appeals.field.type')}
          placeholder={t('appeals.field.type')}
          style={{ width: 120 }}
          value={query.type}
          onChange={(type) => set({ type })}
          options={APPEAL_TYPES.map((v) => ({ value: v, label: t(`appeals.type.${v}`) }))}
        />
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          aria-label={t('appeals.field.category')}
          placeholder={t('appeals.field.category')}
          style={{ width: 240 }}
          value={query.categoryId}
          onChange={(categoryId?: string) => set({ categoryId })}
          treeData={tree}
          loading={categories.isLoading}
          treeDefaultExpandAll
        />
      </Space>
      <QueryState isLoading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
        <Table<AppealSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching && !list.isLoading}
          locale={{ emptyText: t('appeals.workbench.empty') }}
          onRow={(a) => ({
            onClick: () => navigate(`/admin/appeals/${a.id}`),
            style: { cursor: 'pointer' },
          })}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('appeals.workbench.total', { total }),
            onChange: (page, pageSize) => set({ page, pageSize }),
          }}
          scroll={{ x: 1340 }}
        />
      </QueryState>
    </Card>
  );
}
