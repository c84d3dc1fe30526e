import { DotLoading, ErrorBlock, SafeArea, TabBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { HomeIcon, MapIcon, MeIcon, ServicesIcon } from '../../components/tab-icons';
import { useMe } from '../../features/auth/api/get-me';
import { loginPathFor } from '../../features/auth/next-path';
import { activeTab } from './tabs';

const TABS = [
  { key: '/m', icon: <HomeIcon />, label: 'm.tabs.home' },
  { key: '/m/map', icon: <MapIcon />, label: 'm.tabs.map' },
  { key: '/m/services', icon: <ServicesIcon />, label: 'm.tabs.services' },
  { key: '/m/me', icon: <MeIcon />, label: 'm.tabs.me' },
];

/** Worker app frame: sign-in guard, page content, bottom TabBar within thumb reach. */
export function MobileLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  if (me.isLoading)
    return (
      <div
        style={{
          minHeight: '100vh',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          color: '#d4380d',
        }}
      >
        <DotLoading color="primary" />
      </div>
    );
  if (me.error && !me.data)
    return (
      <ErrorBlock
        status="disconnected"
        fullPage
        title={t('common.loadFailed')}
        description={t('errors.client.network')}
      />
    );
  if (!me.data) return <Navigate to={loginPathFor(location.pathname, location.search)} replace />;
  const active = activeTab(location.pathname);
  return (
    <div className="nx-m-page" style={{ display: 'flex', flexDirection: 'column', minHeight: '100vh' }}>
      <main style={{ flex: 1, paddingBottom: 64 }}>
        <Outlet />
      </main>
      <nav
        aria-label={t('m.tabs.home')}
        style={{
          position: 'fixed',
          bottom: 0,
          left: 0,
          right: 0,
          background: '#fff',
          borderTop: '1px solid #f3e3da',
          zIndex: 100,
        }}
      >
        <TabBar activeKey={active} onChange={(key) => navigate(key)}>
          {TABS.map((tab) => (
            <TabBar.Item key={tab.key} icon={tab.icon} title={t(tab.label)} aria-label={t(tab.label)} />
          ))}
        </TabBar>
        <SafeArea position="bottom" />
      </nav>
    </div>
  );
}
