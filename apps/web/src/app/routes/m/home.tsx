import { Badge, Card, Grid } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LogoMark } from '../../../components/brand';
import { BellIcon, HandsIcon, HeartIcon, MegaphoneIcon, StationIcon } from '../../../components/tab-icons';
import { useMe } from '../../../features/auth/api/get-me';
import { useUnreadCount } from '../../../features/notifications/api/notifications';
import { useOfflineQueueCount } from '../../../lib/offline-queue.browser';

export function greetingKey(hour: number): 'morning' | 'noon' | 'afternoon' | 'evening' {
  if (hour >= 5 && hour < 11) return 'morning';
  if (hour >= 11 && hour < 13) return 'noon';
  if (hour >= 13 && hour < 18) return 'afternoon';
  return 'evening';
}

const ENTRIES: { key: 'stations' | 'appeal' | 'wish' | 'volunteer'; icon: ReactNode; bg: string }[] = [
  { key: 'stations', icon: <StationIcon />, bg: '#fff1e8' },
  { key: 'appeal', icon: <MegaphoneIcon />, bg: '#fff7e6' },
  { key: 'wish', icon: <HeartIcon />, bg: '#fff0f0' },
  { key: 'volunteer', icon: <HandsIcon />, bg: '#f0f7ff' },
];

export function MobileHomeRoute() {
  const { t } = useTranslation();
  const me = useMe().data;
  const unread = useUnreadCount(Boolean(me));
  const pending = useOfflineQueueCount();
  if (!me) return null;
  const count = unread.data?.count ?? 0;
  return (
    <div>
      <header className="nx-m-hero">
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 15, fontWeight: 600 }}>
          <LogoMark size={26} style={{ boxShadow: '0 0 0 1.5px rgba(255,255,255,0.7)', borderRadius: 6 }} />
          暖心 Nuanxin
        </div>
        <h1 style={{ fontSize: 22, margin: '18px 0 4px' }}>
          {t('m.home.hello', {
            greeting: t(`m.home.greeting.${greetingKey(new Date().getHours())}`),
            name: me.user.name,
          })}
        </h1>
        <div style={{ opacity: 0.9, fontSize: 14 }}>{t('m.home.slogan')}</div>
      </header>
      <div style={{ margin: '-40px 12px 0', display: 'flex', flexDirection: 'column', gap: 12 }}>
        <Card style={{ borderRadius: 14, boxShadow: '0 6px 18px rgba(212,56,13,0.10)' }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 12 }} aria-live="polite">
            <Badge content={count > 0 ? (count > 99 ? '99+' : count) : null}>
              <span style={{ fontSize: 26, color: '#d4380d', display: 'flex' }}>
                <BellIcon />
              </span>
            </Badge>
            <div style={{ flex: 1 }}>
              <div style={{ fontSize: 16, fontWeight: 600 }}>
                {count > 0 ? t('m.home.unread', { count }) : t('m.home.noUnread')}
              </div>
              {pending > 0 ? (
                <div style={{ fontSize: 13, color: '#d46b08' }}>
                  {t('m.home.pending', { count: pending })}
                </div>
              ) : null}
            </div>
          </div>
        </Card>
        <Card title={t('m.home.quick')} style={{ borderRadius: 14 }}>
          <Grid columns={4} gap={8}>
            {ENTRIES.map((e) => (
              <Grid.Item key={e.key}>
                <Link
                  to={
                    e.key === 'appeal'
                      ? '/m/appeals/new'
                      : e.key === 'wish'
                        ? '/m/wish'
                        : e.key === 'stations'
                          ? '/m/map'
                          : `/m/soon/${e.key}`
                  }
                  aria-label={t(`m.home.entries.${e.key}`)}
                  style={{
                    display: 'flex',
                    flexDirection: 'column',
                    alignItems: 'center',
                    gap: 6,
                    color: '#2b1710',
                    textDecoration: 'none',
                    padding: '6px 0',
                    minHeight: 72,
                  }}
                >
                  <span
                    style={{
                      width: 48,
                      height: 48,
                      borderRadius: 14,
                      background: e.bg,
                      color: '#d4380d',
                      display: 'flex',
                      alignItems: 'center',
                      justifyContent: 'center',
                      fontSize: 26,
                    }}
                  >
                    {e.icon}
                  </span>
                  <span style={{ fontSize: 13 }}>{t(`m.home.entries.${e.key}`)}</span>
                </Link>
              </Grid.Item>
            ))}
          </Grid>
        </Card>
      </div>
    </div>
  );
}
