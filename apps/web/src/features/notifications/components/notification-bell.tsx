import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Dropdown, Empty, List, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../i18n';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from '../api/notifications';

/** Header bell: unread badge (polled every 60 s) and a dropdown with the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  const unread = count.data?.count ?? 0;
  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      popupRender={() => <Inbox onNavigate={() => setOpen(false)} />}
    >
      <Button
        type="text"
        aria-label={`${t('admin.header.notifications')}${unread ? ` (${unread})` : ''}`}
        style={{ height: 40 }}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Dropdown>
  );
}

function Inbox({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const list = useNotifications({ page: 1, pageSize: 5 });
  const markAll = useMarkAllRead();
  const markRead = useMarkRead();
  return (
    <Card
      size="small"
      title={t('admin.notifications.title')}
      style={{ width: 360, boxShadow: '0 6px 24px rgba(0,0,0,0.12)' }}
      extra={
        <Button size="small" type="link" onClick={() => markAll.mutate()} loading={markAll.isPending}>
          {t('admin.notifications.markAllRead')}
        </Button>
      }
      actions={[
        <Link key="all" to="/admin/notifications" onClick={onNavigate}>
          {t('admin.notifications.viewAll')}
        </Link>,
      ]}
    >
      {list.isLoading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : list.error ? (
        <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>
      ) : !list.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={list.data.items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: n.readAt ? 'default' : 'pointer', opacity: n.readAt ? 0.65 : 1 }}
              onClick={() => (n.readAt ? undefined : markRead.mutate(n.id))}
            >
              <List.Item.Meta
                title={
                  <span>
                    {n.readAt ? null : <Badge status="processing" style={{ marginInlineEnd: 6 }} />}
                    {n.title}
                  </span>
                }
                description={
                  <>
                    <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {n.body}
                    </div>
                    <div style={{ fontSize: 12 }}>{dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
