import { Button, Form, Input, Toast } from 'antd-mobile';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LogoMark } from '../../../components/brand';
import { useMe } from '../../../features/auth/api/get-me';
import { useRequestOtp, useVerifyOtp } from '../../../features/auth/api/sign-in';
import { safeNextPath } from '../../../features/auth/next-path';
import { errorText } from '../../../i18n';
import { usePhoneCodeForm } from '../../../lib/phone-code-form';

export function MobileLoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const requestOtp = useRequestOtp();
  const verify = useVerifyOtp();
  const form = usePhoneCodeForm({
    request: (phone, handlers) => requestOtp.mutate(phone, handlers),
    texts: { invalidPhone: t('m.login.invalidPhone'), invalidCode: t('m.login.invalidCode') },
    onSent: () => Toast.show({ content: t('m.login.sent') }),
  });
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));

  if (me.data) return <Navigate to={next ?? '/m'} replace />;

  const submit = () => {
    const v = form.valid();
    if (!v) return;
    verify.mutate(v, {
      onSuccess: () => {
        Toast.clear();
        navigate(next ?? '/m', { replace: true });
      },
      onError: (err) => form.setError(errorText(err)),
    });
  };

  return (
    <div className="nx-m-page">
      <div className="nx-m-hero" style={{ paddingBottom: 72 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
          <LogoMark size={40} style={{ borderRadius: 10, boxShadow: '0 0 0 2px rgba(255,255,255,0.6)' }} />
          <div>
            <div style={{ fontSize: 22, fontWeight: 700 }}>暖心 Nuanxin</div>
            <div style={{ fontSize: 13, opacity: 0.9 }}>{t('common.subtitle')}</div>
          </div>
        </div>
        <div style={{ marginTop: 24, fontSize: 15, opacity: 0.95 }}>{t('m.home.slogan')}</div>
      </div>
      <div
        style={{
          margin: '-48px 16px 0',
          background: '#fff',
          borderRadius: 16,
          padding: '20px 4px 16px',
          boxShadow: '0 8px 24px rgba(212,56,13,0.12)',
        }}
      >
        <div style={{ padding: '0 12px', fontSize: 20, fontWeight: 600 }}>{t('m.login.title')}</div>
        <div style={{ padding: '4px 12px 8px', color: '#8c6d60', fontSize: 13 }}>{t('m.login.hint')}</div>
        {next?.startsWith('/m/checkin/') ? (
          <div
            role="status"
            style={{ margin: '0 12px 4px', color: '#d4380d', fontSize: 14, fontWeight: 600 }}
          >
            {t('stationMap.checkin.signInFirst')}
          </div>
        ) : null}
        <Form layout="horizontal" mode="card" style={{ '--border-top': 'none' } as CSSProperties}>
          <Form.Item label={t('m.login.phone')}>
            <Input
              aria-label={t('m.login.phone')}
              placeholder={t('m.login.phonePlaceholder')}
              type="tel"
              inputMode="numeric"
              autoComplete="tel"
              maxLength={20}
              value={form.phone}
              onChange={form.setPhone}
              clearable
            />
          </Form.Item>
          <Form.Item
            label={t('m.login.code')}
            extra={
              <Button
                size="small"
                color="primary"
                fill="none"
                disabled={form.countdown > 0 || requestOtp.isPending}
                onClick={form.send}
                style={{ minWidth: 96 }}
              >
                {form.countdown > 0 ? t('m.login.resend', { s: form.countdown }) : t('m.login.send')}
              </Button>
            }
          >
            <Input
              aria-label={t('m.login.code')}
              placeholder={t('m.login.codePlaceholder')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={form.code}
              onChange={form.setCode}
            />
          </Form.Item>
        </Form>
        {form.error ? (
          <div role="alert" style={{ color: '#cf1322', padding: '4px 16px 0', fontSize: 14 }}>
            {form.error}
          </div>
        ) : null}
        <div style={{ padding: '16px 12px 0' }}>
          <Button
            block
            color="primary"
            size="large"
            shape="rounded"
            loading={verify.isPending}
            onClick={submit}
          >
            {t('m.login.submit')}
          </Button>
        </div>
      </div>
      <div style={{ textAlign: 'center', color: '#8c6d60', fontSize: 13, padding: 24 }}>
        {t('m.login.staffHint')} <a href="/admin">{t('landing.console')}</a>
      </div>
    </div>
  );
}
