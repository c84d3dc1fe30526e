import { Badge, Button, Card, List, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/admin/query-state';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications';

export function NotificationsPage() {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications({ unreadOnly, page, pageSize: 20 });
  const markAll = useMarkAllRead();
  const markRead = useMarkRead();
  return (
    <Card
      title={t('admin.notifications.title')}
      extra={
        <Space>
          <Segmented
            aria-label={t('admin.notifications.unreadOnly')}
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
            options={[
              { label: t('common.all'), value: 'all' },
              { label: t('admin.notifications.unread'), value: 'unread' },
            ]}
          />
          <Button onClick={() => markAll.mutate()} loading={markAll.isPending}>
            {t('admin.notifications.markAllRead')}
          </Button>
        </Space>
      }
    >
      <QueryState
        isLoading={list.isLoading}
        error={list.error}
        isEmpty={!list.data?.items.length}
        emptyText={t('admin.notifications.empty')}
        onRetry={() => void list.refetch()}
      >
        <List
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          renderItem={(n) => (
            <List.Item
              actions={
                n.readAt
                  ? []
                  : [
                      <Button key="r" size="small" type="link" onClick={() => markRead.mutate(n.id)}>
                        {t('admin.notifications.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space>
                    {n.readAt ? null : <Badge status="processing" />}
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </QueryState>
    </Card>
  );
}
