import { useTranslation } from 'react-i18next';
import { BrandLockup } from '../../components/brand';
import { type Lang, setLang } from '../../i18n';

function Badge({ text, bg }: { text: string; bg: string }) {
  return (
    <div
      aria-hidden="true"
      style={{
        width: 48,
        height: 48,
        borderRadius: 12,
        background: bg,
        color: '#fff',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        fontSize: 24,
        fontWeight: 700,
      }}
    >
      {text}
    </div>
  );
}

/** `/`: the public name and mission, and a choice between the staff console and the worker app. */
export function LandingRoute() {
  const { t, i18n } = useTranslation();
  const other: Lang = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <div className="nx-landing">
      <header
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          padding: '20px clamp(16px, 5vw, 64px)',
        }}
      >
        <BrandLockup subtitle={t('common.subtitle')} />
        <button
          type="button"
          aria-label={t('admin.header.switchLanguage')}
          onClick={() => setLang(other)}
          style={{
            border: '1px solid #ffbb96',
            background: '#fff',
            color: '#ad2102',
            borderRadius: 16,
            padding: '4px 12px',
            cursor: 'pointer',
          }}
        >
          {other === 'en' ? 'English' : '中文'}
        </button>
      </header>
      <main
        style={{
          flex: 1,
          padding: '24px clamp(16px, 5vw, 64px)',
          maxWidth: 960,
          width: '100%',
          boxSizing: 'border-box',
          margin: '0 auto',
        }}
      >
        <h1 style={{ fontSize: 'clamp(28px, 5vw, 40px)', margin: '24px 0 8px', color: '#2b1710' }}>
          {t('common.appName')} <span style={{ color: '#d4380d' }}>{t('common.appNameLatin')}</span>
        </h1>
        <p style={{ fontSize: 18, color: '#5c3b2e', margin: '0 0 32px', lineHeight: 1.6 }}>
          {t('common.mission')}
        </p>
        <div
          style={{ display: 'grid', gap: 20, gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))' }}
        >
          <a className="nx-choice" href="/m">
            <Badge text="骑" bg="#d4380d" />
            <h2 style={{ margin: '8px 0', color: '#d4380d' }}>{t('landing.worker')}</h2>
            <p style={{ margin: 0, color: '#5c3b2e', lineHeight: 1.6 }}>{t('landing.workerDesc')}</p>
            <p style={{ margin: '16px 0 0', color: '#d4380d', fontWeight: 600 }}>{t('landing.enter')} →</p>
          </a>
          <a className="nx-choice" href="/admin">
            <Badge text="政" bg="#2b1710" />
            <h2 style={{ margin: '8px 0', color: '#2b1710' }}>{t('landing.console')}</h2>
            <p style={{ margin: 0, color: '#5c3b2e', lineHeight: 1.6 }}>{t('landing.consoleDesc')}</p>
            <p style={{ margin: '16px 0 0', color: '#d4380d', fontWeight: 600 }}>{t('landing.enter')} →</p>
          </a>
        </div>
      </main>
      <footer style={{ textAlign: 'center', color: '#8c6d60', fontSize: 13, padding: 24 }}>
        {t('landing.footer')} · {t('common.subtitle')}
      </footer>
    </div>
  );
}
