import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function ForbiddenRoute() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('admin.forbidden.title')}
      subTitle={t('admin.forbidden.sub')}
      extra={
        <Link to="/admin">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('admin.notFound.title')}
      subTitle={t('admin.notFound.sub')}
      extra={
        <Link to="/admin">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
