import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { startOfflineQueue } from '../../../lib/offline-queue.browser';

type Container = (Element | DocumentFragment) & { __nxRoot?: Root };

// antd-mobile 5 renders popups with the legacy ReactDOM.render; React 19 needs createRoot.
unstableSetRender((node, container: Container) => {
  container.__nxRoot ??= createRoot(container);
  const root = container.__nxRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete container.__nxRoot;
  };
});

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
