import { Button, NavBar, Result, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

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
  return (
    <>
      <NavBar back={null} style={{ background: '#fff' }}>
        {t('m.services.title')}
      </NavBar>
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
