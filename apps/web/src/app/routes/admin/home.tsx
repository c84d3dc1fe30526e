import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../../features/auth/api/get-me';

const MODULES: {
  key: string;
  path?: string;
  permission?: 'users.list' | 'audit.read' | 'appeals.read' | 'stations.read';
}[] = [
  { key: 'users', path: '/admin/users', permission: 'users.list' },
  { key: 'audit', path: '/admin/audit', permission: 'audit.read' },
  { key: 'stations', path: '/admin/stations', permission: 'stations.read' },
  { key: 'appeals', path: '/admin/appeals', permission: 'appeals.read' },
  { key: 'volunteer' },
  { key: 'points' },
  { key: 'party' },
  { key: 'dashboard' },
];

/** 工作台: who I am, what my roles let me do, and which modules exist (honestly marked). */
export function AdminHomeRoute() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  return (
    <Space orientation="vertical" size={20} style={{ width: '100%' }}>
      <Card
        variant="borderless"
        style={{ background: 'linear-gradient(120deg, #fff2e8 0%, #fff 70%)', border: '1px solid #ffd8bf' }}
      >
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('admin.home.welcome', { name: me.user.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('admin.home.intro')}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={12}>
          <Card title={t('admin.home.yourRoles')} style={{ height: '100%' }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {me.grants.map((g) => (
                <div key={g.id} style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
                  <Tag color="volcano" style={{ marginTop: 2 }}>
                    {t(`roles.${g.role}`)}
                  </Tag>
                  <div>
                    <div>
                      {[g.regionName, g.orgName].filter(Boolean).join(' · ') || t('admin.home.scopeAll')}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t(`roleDesc.${g.role}`)}
                    </Typography.Text>
                  </div>
                </div>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('admin.home.yourPermissions')} style={{ height: '100%' }}>
            <Space wrap>
              {me.permissions.map((p) => (
                <Tag key={p} color="orange">
                  {t(`permissions.${p}`)}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
      <Card title={t('admin.home.modules')}>
        <Row gutter={[16, 16]}>
          {MODULES.map((m) => {
            const allowed = m.permission ? me.permissions.includes(m.permission) : false;
            const body = (
              <Card
                size="small"
                hoverable={allowed}
                style={{ height: '100%', background: allowed ? '#fff' : '#fafafa' }}
                title={t(`admin.home.mod.${m.key}.title`)}
                extra={
                  allowed ? (
                    <Tag color="green">{t('admin.home.available')}</Tag>
                  ) : m.path ? null : (
                    <Tag>{t('common.comingSoon')}</Tag>
                  )
                }
              >
                <Typography.Text type="secondary">{t(`admin.home.mod.${m.key}.desc`)}</Typography.Text>
              </Card>
            );
            if (m.path && !allowed) return null;
            return (
              <Col key={m.key} xs={24} sm={12} xl={6}>
                {allowed && m.path ? <Link to={m.path}>{body}</Link> : body}
              </Col>
            );
          })}
        </Row>
      </Card>
    </Space>
  );
}
