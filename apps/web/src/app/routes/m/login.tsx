import { normalisePhone } from '@nuanxin/shared';
import { Button, Form, Input, Toast } from 'antd-mobile';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LogoMark } from '../../../components/brand';
import { useMe } from '../../../features/auth/api/get-me';
import { useRequestOtp, useVerifyOtp } from '../../../features/auth/api/sign-in';
import { safeNextPath } from '../../../features/auth/next-path';
import { errorText } from '../../../i18n';
import { ApiError } from '../../../lib/api-error';
import { retryAfterOf, useCountdown } from '../../../lib/use-countdown';

export function MobileLoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const requestOtp = useRequestOtp();
  const verify = useVerifyOtp();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [countdown, setCountdown] = useCountdown();
  const [error, setError] = useState<string | null>(null);
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));

  if (me.data) return <Navigate to={next ?? '/m'} replace />;

  const normalised = normalisePhone(phone);
  const send = () => {
    setError(null);
    if (!normalised) {
      setError(t('m.login.invalidPhone'));
      return;
    }
    requestOtp.mutate(normalised, {
      onSuccess: (r) => {
        setCountdown(r.retryAfterSeconds > 0 ? r.retryAfterSeconds : 60);
        Toast.show({ content: t('m.login.sent') });
      },
      onError: (err) => {
        setError(errorText(err));
        if (err instanceof ApiError && err.code === 'auth.otp_too_soon')
          setCountdown(retryAfterOf(err.details));
      },
    });
  };
  const submit = () => {
    setError(null);
    if (!normalised) return setError(t('m.login.invalidPhone'));
    if (!/^\d{6}$/.test(code)) return setError(t('m.login.invalidCode'));
    verify.mutate(
      { phone: normalised, code },
      {
        onSuccess: () => {
          Toast.clear();
          navigate(next ?? '/m', { replace: true });
        },
        onError: (err) => setError(errorText(err)),
      },
    );
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
              value={phone}
              onChange={setPhone}
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
                disabled={countdown > 0 || requestOtp.isPending}
                onClick={send}
                style={{ minWidth: 96 }}
              >
                {countdown > 0 ? t('m.login.resend', { s: countdown }) : t('m.login.send')}
              </Button>
            }
          >
            <Input
              aria-label={t('m.login.code')}
              placeholder={t('m.login.codePlaceholder')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(v) => setCode(v.replace(/\D/g, ''))}
            />
          </Form.Item>
        </Form>
        {error ? (
          <div role="alert" style={{ color: '#cf1322', padding: '4px 16px 0', fontSize: 14 }}>
            {error}
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
