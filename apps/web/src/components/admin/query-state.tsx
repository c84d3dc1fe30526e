import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';

/** Loading, error and empty states for a query, in one place. */
export function QueryState({
  isLoading,
  error,
  isEmpty,
  onRetry,
  emptyText,
  children,
}: {
  isLoading: boolean;
  error: unknown;
  isEmpty?: boolean;
  onRetry?: () => void;
  emptyText?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (isLoading) return <Skeleton active paragraph={{ rows: 5 }} />;
  if (error)
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={errorText(error)}
        extra={
          onRetry ? (
            <Button type="primary" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          ) : null
        }
      />
    );
  if (isEmpty) return <Empty description={emptyText ?? t('common.empty')} />;
  return <>{children}</>;
}
