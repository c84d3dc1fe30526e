import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import '../../../lib/antd-mobile-render';
import { startOfflineQueue } from '../../../lib/offline-queue.browser';

/** Worker app shell: antd-mobile locale, warm theme colours, offline queue started once. */
export function MobileRoot() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  useEffect(() => {
    startOfflineQueue();
    document.documentElement.style.setProperty('--adm-color-primary', '#d4380d');
  }, []);
  useEffect(() => {
    document.title = en ? 'Nuanxin' : '暖心';
  }, [en]);
  return (
    <ConfigProvider locale={en ? enUS : zhCN}>
      <Outlet />
    </ConfigProvider>
  );
}
