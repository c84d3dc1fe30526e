import { Badge, Button, List, NavBar, Result, Tag } from 'antd-mobile';
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

export function MapRoute() {
  const { t } = useTranslation();
  return (
    <>
      <NavBar back={null} style={{ background: '#fff' }}>
        {t('m.map.title')}
      </NavBar>
      <ComingSoon title={t('m.map.title')} description={t('m.map.desc')} />
    </>
  );
}

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
        <List.Item
          prefix={
            <span style={{ fontSize: 24, color: '#d4380d', display: 'flex' }}>
              <MegaphoneIcon />
            </span>
          }
          description={t('appeals.m.reportDesc')}
          clickable
          onClick={() => navigate('/m/appeals/new')}
        >
          {t('m.home.entries.appeal')}
        </List.Item>
        <List.Item
          prefix={
            <span style={{ fontSize: 24, color: '#d4380d', display: 'flex' }}>
              <ServicesIcon />
            </span>
          }
          description={t('appeals.m.mineDesc')}
          extra={pending > 0 ? <Badge content={t('m.me.queueCount', { count: pending })} /> : null}
          clickable
          onClick={() => navigate('/m/appeals')}
        >
          {t('appeals.m.myAppeals')}
        </List.Item>
        <List.Item
          prefix={
            <span style={{ fontSize: 24, color: '#d4380d', display: 'flex' }}>
              <MegaphoneIcon />
            </span>
          }
          description={t('greenChannel.m.entryDesc')}
          clickable
          onClick={() => navigate('/m/green-channel')}
        >
          {t('greenChannel.m.entry')}
        </List.Item>
        <List.Item
          prefix={
            <span style={{ fontSize: 24, color: '#d4380d', display: 'flex' }}>
              <MapIcon />
            </span>
          }
          description={t('parking.m.entryDesc')}
          clickable
          onClick={() => navigate('/m/parking')}
        >
          {t('parking.m.entry')}
        </List.Item>
        <List.Item
          prefix={
            <span style={{ fontSize: 24, color: '#d4380d', display: 'flex' }}>
              <ServicesIcon />
            </span>
          }
          description={t('deliveries.entryDesc')}
          clickable
          onClick={() => navigate('/m/deliveries')}
        >
          {t('deliveries.entry')}
        </List.Item>
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
