import { Badge, Button, List, NavBar, Result, Tag } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { MapIcon, MegaphoneIcon, ServicesIcon } from '../../../components/tab-icons';
import { useOfflineQueueCount } from '../../../lib/offline-queue.browser';

const SOON_KEYS = ['stations', 'appeal', 'wish', 'volunteer'] as const;

function ComingSoon({ title, description }: { title: string; description: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 16 }}>
      <div style={{ background: '#fff', borderRadius: 14, overflow: 'hidden' }}>
        <Result
          status="waiting"
          title={
            <span>
              {title} <Tag color="warning">{t('common.comingSoon')}</Tag>
            </span>
          }
          description={description}
        />
        <div style={{ padding: '0 16px 16px', color: '#8c6d60', fontSize: 13, textAlign: 'center' }}>
          {t('m.soon.notice')}
        </div>
      </div>
    </div>
  );
}

/** The 办事 list: one row per service the worker app offers, in the order riders use them. */
const SERVICE_ENTRIES: {
  to: string;
  icon: () => ReactNode;
  title: string;
  desc: string;
  /** Shows the count of submissions waiting for the network. */
  queue?: boolean;
}[] = [
  { to: '/m/appeals/new', icon: MegaphoneIcon, title: 'm.home.entries.appeal', desc: 'appeals.m.reportDesc' },
  {
    to: '/m/appeals',
    icon: ServicesIcon,
    title: 'appeals.m.myAppeals',
    desc: 'appeals.m.mineDesc',
    queue: true,
  },
  {
    to: '/m/green-channel',
    icon: MegaphoneIcon,
    title: 'greenChannel.m.entry',
    desc: 'greenChannel.m.entryDesc',
  },
  { to: '/m/parking', icon: MapIcon, title: 'parking.m.entry', desc: 'parking.m.entryDesc' },
  { to: '/m/deliveries', icon: ServicesIcon, title: 'deliveries.entry', desc: 'deliveries.entryDesc' },
];

export function ServicesRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pending = useOfflineQueueCount();
  return (
    <>
      <NavBar back={null} style={{ background: '#fff' }}>
        {t('m.services.title')}
      </NavBar>
      <List mode="card" header={t('appeals.m.servicesHeader')}>
        {SERVICE_ENTRIES.map(({ to, icon: Icon, title, desc, queue }) => (
          <List.Item
            key={to}
            prefix={
              <span style={{ fontSize: 24, color: '#d4380d', display: 'flex' }}>
                <Icon />
              </span>
            }
            description={t(desc)}
            extra={queue && pending > 0 ? <Badge content={t('m.me.queueCount', { count: pending })} /> : null}
            clickable
            onClick={() => navigate(to)}
          >
            {t(title)}
          </List.Item>
        ))}
      </List>
      <ComingSoon title={t('m.services.title')} description={t('m.services.desc')} />
    </>
  );
}

export function SoonRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { key } = useParams();
  const known = SOON_KEYS.find((k) => k === key);
  if (!known)
    return (
      <div style={{ padding: 16 }}>
        <Result status="info" title="404" description={t('admin.notFound.sub')} />
        <Button block color="primary" onClick={() => navigate('/m')}>
          {t('common.backHome')}
        </Button>
      </div>
    );
  return (
    <>
      <NavBar onBack={() => navigate('/m')} backIcon backArrow style={{ background: '#fff' }}>
        {t(`m.home.entries.${known}`)}
      </NavBar>
      <ComingSoon title={t(`m.home.entries.${known}`)} description={t(`m.soon.${known}`)} />
    </>
  );
}
