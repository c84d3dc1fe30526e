import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CarOutlined,
  CloudOutlined,
  CommentOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  GlobalOutlined,
  HeartOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  MessageOutlined,
  NodeIndexOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { MeDto, Permission } from '@nuanxin/shared';
import { Avatar, Button, Dropdown, Layout, Menu, Result, Spin, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { BrandLockup, LogoMark } from '../../components/brand';
import { useMe } from '../../features/auth/api/get-me';
import { useSignOut } from '../../features/auth/api/sign-in';
import { NotificationBell } from '../../features/notifications/components/notification-bell';
import { errorText, setLang } from '../../i18n';

interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  label: string;
  /** Shown when the user has any of these permissions; empty = every staff user. */
  anyOf: Permission[];
}

export function navItems(t: (k: string) => string): NavItem[] {
  return [
    { key: 'home', path: '/admin', icon: <AppstoreOutlined />, label: t('admin.menu.home'), anyOf: [] },
    {
      key: 'appeals',
      path: '/admin/appeals',
      icon: <MessageOutlined />,
      label: t('admin.menu.appeals'),
      anyOf: ['appeals.read'],
    },
    {
      key: 'appealMap',
      path: '/admin/appeals/map',
      icon: <EnvironmentOutlined />,
      label: t('appealMap.menu'),
      anyOf: ['appeals.read'],
    },
    {
      key: 'appealMetrics',
      path: '/admin/appeals/metrics',
      icon: <BarChartOutlined />,
      label: t('appealMetrics.menu'),
      anyOf: ['appeals.metrics'],
    },
    {
      key: 'appealSummaries',
      path: '/admin/appeals/summaries',
      icon: <FileTextOutlined />,
      label: t('appealMetrics.summariesMenu'),
      anyOf: ['appeals.metrics'],
    },
    {
      key: 'appealCategories',
      path: '/admin/appeals/categories',
      icon: <ApartmentOutlined />,
      label: t('appealCatalogue.categoriesMenu'),
      anyOf: ['appeals.manage_catalogue'],
    },
    {
      key: 'dispatchCatalogue',
      path: '/admin/appeals/catalogue',
      icon: <NodeIndexOutlined />,
      label: t('appealCatalogue.rulesMenu'),
      anyOf: ['appeals.manage_catalogue'],
    },
    {
      key: 'greenChannel',
      path: '/admin/green-channel',
      icon: <ThunderboltOutlined />,
      label: t('greenChannel.menu.queue'),
      anyOf: ['green_channel.review', 'green_channel.alerts'],
    },
    {
      key: 'greenPlatform',
      path: '/admin/green-channel/platform',
      icon: <ThunderboltOutlined />,
      label: t('greenChannel.menu.platform'),
      anyOf: ['green_channel.answer'],
    },
    {
      key: 'greenAlerts',
      path: '/admin/green-channel/alerts',
      icon: <CloudOutlined />,
      label: t('greenChannel.menu.alerts'),
      anyOf: ['green_channel.alerts', 'green_channel.review'],
    },
    {
      key: 'greenNotices',
      path: '/admin/green-channel/notices',
      icon: <FileTextOutlined />,
      label: t('greenChannel.menu.notices'),
      anyOf: ['green_channel.review', 'green_channel.answer', 'green_channel.alerts'],
    },
    {
      key: 'greenMetrics',
      path: '/admin/green-channel/metrics',
      icon: <BarChartOutlined />,
      label: t('greenChannel.menu.metrics'),
      anyOf: ['green_channel.metrics'],
    },
    {
      key: 'duty',
      path: '/admin/duty',
      icon: <ScheduleOutlined />,
      label: t('duty.menu'),
      anyOf: ['duty.read'],
    },
    {
      key: 'wishes',
      path: '/admin/wishes',
      icon: <HeartOutlined />,
      label: t('wishes.menu'),
      anyOf: ['wishes.manage'],
    },
    {
      key: 'forums',
      path: '/admin/forums',
      icon: <CommentOutlined />,
      label: t('wishes.forumMenu'),
      anyOf: ['forums.read'],
    },
    {
      key: 'projects',
      path: '/admin/projects',
      icon: <ProjectOutlined />,
      label: t('projects.menu'),
      anyOf: ['projects.read'],
    },
    {
      key: 'stations',
      path: '/admin/stations',
      icon: <ShopOutlined />,
      label: t('stationConsole.menu'),
      anyOf: ['stations.read'],
    },
    {
      key: 'stationBoard',
      path: '/admin/stations/board',
      icon: <DashboardOutlined />,
      label: t('stationConsole.boardMenu'),
      anyOf: ['stations.keep', 'stations.manage'],
    },
    {
      key: 'hub',
      path: '/admin/hub',
      icon: <HomeOutlined />,
      label: t('hubConsole.menu'),
      anyOf: ['stations.read', 'stations.keep'],
    },
    {
      key: 'meals',
      path: '/admin/meals',
      icon: <ShopOutlined />,
      label: t('mealsConsole.menu'),
      anyOf: ['stations.read', 'stations.keep'],
    },
    {
      key: 'canteenServices',
      path: '/admin/canteen-services',
      icon: <HeartOutlined />,
      label: t('canteenServicesConsole.menu'),
      anyOf: ['stations.read', 'stations.keep'],
    },
    {
      key: 'stationCatalogue',
      path: '/admin/stations/catalogue',
      icon: <UnorderedListOutlined />,
      label: t('stationConsole.catalogueMenu'),
      anyOf: ['stations.catalogue'],
    },
    {
      key: 'parkingZones',
      path: '/admin/parking-zones',
      icon: <CarOutlined />,
      label: t('parking.menuZones'),
      anyOf: ['parking_zones.manage'],
    },
    {
      key: 'compoundAccess',
      path: '/admin/compound-access',
      icon: <HomeOutlined />,
      label: t('parking.menuNotes'),
      anyOf: ['compound_access.review'],
    },
    {
      key: 'deliveries',
      path: '/admin/deliveries',
      icon: <HeartOutlined />,
      label: t('deliveriesConsole.menu'),
      anyOf: ['deliveries.manage'],
    },
    {
      key: 'users',
      path: '/admin/users',
      icon: <TeamOutlined />,
      label: t('admin.menu.users'),
      anyOf: ['users.list'],
    },
    {
      key: 'tokens',
      path: '/admin/tokens',
      icon: <KeyOutlined />,
      label: t('admin.menu.tokens'),
      anyOf: ['tokens.manage_own', 'tokens.manage_any'],
    },
    {
      key: 'audit',
      path: '/admin/audit',
      icon: <AuditOutlined />,
      label: t('admin.menu.audit'),
      anyOf: ['audit.read'],
    },
    {
      key: 'notifications',
      path: '/admin/notifications',
      icon: <BellOutlined />,
      label: t('admin.menu.notifications'),
      anyOf: [],
    },
    {
      key: 'calendar',
      path: '/admin/settings/calendar',
      icon: <CalendarOutlined />,
      label: t('calendar.menu'),
      anyOf: ['settings.manage'],
    },
    {
      key: 'settings',
      path: '/admin/settings',
      icon: <SettingOutlined />,
      label: t('admin.menu.settings'),
      anyOf: [],
    },
  ];
}

export function canSee(me: MeDto, item: { anyOf: Permission[] }): boolean {
  return item.anyOf.length === 0 || item.anyOf.some((p) => me.permissions.includes(p));
}

/** Distinct role names of the user, for header tags. */
export function roleNames(me: MeDto): string[] {
  return [...new Set(me.grants.map((g) => g.role))];
}

export function AdminLayout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [collapsed, setCollapsed] = useState(false);

  if (me.isLoading)
    return (
      <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" />
      </div>
    );
  if (me.error)
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={errorText(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/admin/login?next=${next}`} replace />;
  }
  const user = me.data;
  if (user.user.kind !== 'staff')
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('admin.login.workerAccount')}
        extra={
          <Button type="primary" href="/m">
            {t('admin.login.toWorker')}
          </Button>
        }
      />
    );

  const items = navItems(t).filter((i) => canSee(user, i));
  // A station's hub, meals and canteen-services pages belong to those menu entries.
  const here = location.pathname.replace(
    /^\/admin\/stations\/[^/]+\/(hub|meals|canteen-services)$/,
    '/admin/$1',
  );
  const selected =
    items
      .filter((i) => here === i.path || here.startsWith(`${i.path}/`))
      .sort((a, b) => b.path.length - a.path.length)[0]?.key ?? 'home';
  const roles = roleNames(user);
  const en = i18n.language === 'en';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        className="nx-admin-sider"
        collapsible
        collapsed={collapsed}
        trigger={null}
        width={224}
        breakpoint="lg"
        onBreakpoint={(broken) => setCollapsed(broken)}
      >
        <div
          style={{
            padding: collapsed ? '18px 0' : '18px 20px',
            display: 'flex',
            justifyContent: collapsed ? 'center' : 'flex-start',
          }}
        >
          {collapsed ? (
            <LogoMark size={32} />
          ) : (
            <BrandLockup subtitle={t('common.subtitle')} light compact={false} />
          )}
        </div>
        <nav aria-label={t('admin.menu.home')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selected]}
            items={items.map((i) => ({
              key: i.key,
              icon: i.icon,
              label: <Link to={i.path}>{i.label}</Link>,
            }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            padding: '0 20px',
            borderBottom: '1px solid #f0e6e0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Button
            type="text"
            aria-label={collapsed ? t('admin.header.expand') : t('admin.header.collapse')}
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
          />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('landing.console')}
          </Typography.Text>
          <div style={{ flex: 1 }} />
          <NotificationBell />
          <Tooltip title={t('admin.header.switchLanguage')}>
            <Button
              type="text"
              icon={<GlobalOutlined />}
              aria-label={t('admin.header.switchLanguage')}
              onClick={() => setLang(en ? 'zh-CN' : 'en')}
            >
              {en ? '中文' : 'English'}
            </Button>
          </Tooltip>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'settings', icon: <SettingOutlined />, label: t('admin.menu.settings') },
                { type: 'divider' },
                { key: 'signout', icon: <LogoutOutlined />, label: t('common.signOut'), danger: true },
              ],
              onClick: ({ key }) => {
                if (key === 'settings') navigate('/admin/settings');
                if (key === 'signout')
                  signOut.mutate(undefined, { onSettled: () => navigate('/admin/login', { replace: true }) });
              },
            }}
          >
            <Button
              type="text"
              aria-label={t('admin.header.userMenu')}
              style={{ height: 48, display: 'flex', alignItems: 'center', gap: 8 }}
            >
              <Avatar style={{ background: '#d4380d' }} size="small">
                {user.user.name.slice(0, 1)}
              </Avatar>
              <span>{user.user.name}</span>
              {roles.slice(0, 2).map((r) => (
                <Tag key={r} color="volcano" style={{ marginInlineEnd: 0 }}>
                  {t(`roles.${r}`)}
                </Tag>
              ))}
              {roles.length > 2 ? <Tag>+{roles.length - 2}</Tag> : null}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
        <Layout.Footer
          style={{ textAlign: 'center', color: '#8c6d60', fontSize: 12, padding: '12px 24px 20px' }}
        >
          暖心 Nuanxin · {t('common.subtitle')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
