import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { BrandLockup } from '../../../components/brand';
import { useMe } from '../../../features/auth/api/get-me';
import { usePasswordSignIn } from '../../../features/auth/api/sign-in';
import { errorText, type Lang, setLang } from '../../../i18n';
import { ApiError } from '../../../lib/api-error';

interface LoginForm {
  login: string;
  password: string;
  totp?: string;
}

function safeNext(next: string | null): string {
  return next?.startsWith('/admin') && !next.startsWith('//') ? next : '/admin';
}

export function AdminLoginRoute() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const signIn = usePasswordSignIn();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = safeNext(params.get('next'));

  if (me.data && me.data.user.kind === 'staff') return <Navigate to={next} replace />;

  const onFinish = (v: LoginForm) => {
    setError(null);
    signIn.mutate(
      { login: v.login.trim(), password: v.password, ...(needTotp && v.totp ? { totp: v.totp } : {}) },
      {
        onSuccess: (res) => {
          if (res.user.kind !== 'staff') setError(t('admin.login.workerAccount'));
          else navigate(next, { replace: true });
        },
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'auth.totp_required') {
            setNeedTotp(true);
            setError(null);
            return;
          }
          setError(errorText(err));
        },
      },
    );
  };
  const other: Lang = i18n.language === 'en' ? 'zh-CN' : 'en';

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        gridTemplateColumns: 'minmax(0, 1.1fr) minmax(360px, 1fr)',
        background: '#f6f3f1',
      }}
    >
      <section
        style={{
          background: 'linear-gradient(150deg, #ad2102 0%, #d4380d 55%, #fa8c16 120%)',
          color: '#fff',
          padding: '48px 56px',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
        }}
      >
        <BrandLockup subtitle={t('common.subtitle')} light />
        <div>
          <Typography.Title level={2} style={{ color: '#fff', marginBottom: 12 }}>
            {t('landing.console')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.88)', fontSize: 16, maxWidth: 460 }}>
            {t('common.mission')}
          </Typography.Paragraph>
        </div>
        <div style={{ opacity: 0.75, fontSize: 13 }}>{t('landing.footer')}</div>
      </section>
      <section style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24 }}>
        <Card style={{ width: 380, boxShadow: '0 8px 28px rgba(43,23,16,0.08)' }} variant="borderless">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {t('admin.login.title')}
            </Typography.Title>
            <Button
              type="link"
              size="small"
              onClick={() => setLang(other)}
              aria-label={t('admin.header.switchLanguage')}
            >
              {other === 'en' ? 'English' : '中文'}
            </Button>
          </div>
          {error ? (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />
          ) : null}
          {needTotp ? (
            <Alert type="info" showIcon title={t('admin.login.totpHint')} style={{ marginBottom: 16 }} />
          ) : null}
          <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
            <Form.Item
              name="login"
              label={t('admin.login.login')}
              rules={[
                { required: true, message: t('admin.login.required', { field: t('admin.login.login') }) },
              ]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder={t('admin.login.loginPlaceholder')}
                autoComplete="username"
                aria-label={t('admin.login.login')}
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('admin.login.password')}
              rules={[
                { required: true, message: t('admin.login.required', { field: t('admin.login.password') }) },
              ]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                aria-label={t('admin.login.password')}
              />
            </Form.Item>
            {needTotp ? (
              <Form.Item
                name="totp"
                label={t('admin.login.totp')}
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('errors.auth.totp_required') }]}
              >
                <Input
                  prefix={<SafetyOutlined />}
                  inputMode="numeric"
                  maxLength={6}
                  autoComplete="one-time-code"
                  autoFocus
                  aria-label={t('admin.login.totp')}
                />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
              {t('admin.login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
            {t('admin.login.workerHint')} <a href="/m">{t('admin.login.toWorker')}</a>
          </Typography.Paragraph>
        </Card>
      </section>
    </div>
  );
}
