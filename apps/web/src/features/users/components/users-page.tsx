import { PlusOutlined } from '@ant-design/icons';
import { ROLES, type Role, type UserAdminDto } from '@nuanxin/shared';
import { Badge, Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/admin/query-state';
import { type UsersQuery, useUsers } from '../api/users';
import { CreateUserDrawer } from './create-user-drawer';
import { PhoneCell, UserRowActions } from './user-actions';

export function UsersPage({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<UsersQuery>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const users = useUsers(query);
  const set = (patch: Partial<UsersQuery>) => setQuery((q) => ({ ...q, ...patch, page: patch.page ?? 1 }));

  const columns: ColumnsType<UserAdminDto> = [
    {
      title: t('admin.users.name'),
      dataIndex: 'name',
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <Space size={6}>
            <Typography.Text strong>{u.name}</Typography.Text>
            {u.isPartyMember ? <Tag color="red">{t('common.partyMember')}</Tag> : null}
          </Space>
          {u.username ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.username}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('admin.users.phone'), dataIndex: 'phoneMasked', render: (_, u) => <PhoneCell user={u} /> },
    {
      title: t('admin.users.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: UserAdminDto['kind']) => (k === 'staff' ? t('admin.users.staff') : t('admin.users.worker')),
    },
    {
      title: t('admin.users.grants'),
      dataIndex: 'grants',
      render: (_, u) =>
        u.grants.length ? (
          <Space orientation="vertical" size={2}>
            {u.grants.map((g) => (
              <Tooltip key={g.id} title={[g.regionName, g.orgName].filter(Boolean).join(' · ')}>
                <span>
                  <Tag color="volcano">{t(`roles.${g.role}`)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {g.orgName ?? g.regionName ?? ''}
                  </Typography.Text>
                </span>
              </Tooltip>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('admin.users.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: UserAdminDto['status']) =>
        s === 'active' ? (
          <Badge status="success" text={t('admin.users.active')} />
        ) : (
          <Badge status="default" text={t('admin.users.disabled')} />
        ),
    },
    {
      title: t('admin.users.lastSignIn'),
      dataIndex: 'lastSignInAt',
      width: 160,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : t('common.never')),
    },
    { title: t('common.actions'), key: 'actions', width: 120, render: (_, u) => <UserRowActions user={u} /> },
  ];

  return (
    <Card
      title={t('admin.users.title')}
      extra={
        canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('admin.users.create')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('admin.users.searchLabel')}
          placeholder={t('admin.users.searchPlaceholder')}
          style={{ width: 260 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
        <Select<Role | undefined>
          allowClear
          aria-label={t('admin.users.role')}
          placeholder={t('admin.users.role')}
          style={{ width: 200 }}
          value={query.role}
          onChange={(role) => set({ role })}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <Select<UsersQuery['status']>
          allowClear
          aria-label={t('admin.users.status')}
          placeholder={t('admin.users.status')}
          style={{ width: 120 }}
          value={query.status}
          onChange={(status) => set({ status })}
          options={[
            { value: 'active', label: t('admin.users.active') },
            { value: 'disabled', label: t('admin.users.disabled') },
          ]}
        />
        <Select<UsersQuery['kind']>
          allowClear
          aria-label={t('admin.users.kind')}
          placeholder={t('admin.users.kind')}
          style={{ width: 130 }}
          value={query.kind}
          onChange={(kind) => set({ kind })}
          options={[
            { value: 'staff', label: t('admin.users.staff') },
            { value: 'worker', label: t('admin.users.worker') },
          ]}
        />
      </Space>
      <QueryState isLoading={users.isLoading} error={users.error} onRetry={() => void users.refetch()}>
        <Table<UserAdminDto>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching && !users.isLoading}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('admin.users.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
          scroll={{ x: 900 }}
        />
      </QueryState>
      <CreateUserDrawer open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
