import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { BRAND } from '../../../components/brand';

/** Console shell: Ant Design theme in the warm 暖心 red, zh-CN by default. */
export function AdminRoot() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(en ? 'en' : 'zh-cn');
    document.title = en ? 'Nuanxin · Staff console' : '暖心 · 工作人员控制台';
  }, [en]);
  return (
    <ConfigProvider
      locale={en ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: BRAND.primary,
          colorLink: BRAND.primary,
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, sans-serif",
        },
        components: {
          Layout: { siderBg: '#2b1710', headerBg: '#ffffff', bodyBg: '#f6f3f1' },
          Menu: {
            darkItemBg: '#2b1710',
            darkSubMenuItemBg: '#24130d',
            darkItemSelectedBg: BRAND.primary,
            darkItemColor: 'rgba(255,255,255,0.78)',
          },
        },
      }}
    >
      <AntApp>
        <Outlet />
      </AntApp>
    </ConfigProvider>
  );
}
