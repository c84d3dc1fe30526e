import { useParams } from 'react-router';
import { RequirePermission } from '../../app/routes/admin/guard';
import { useMe } from '../auth/api/get-me';
import { AppealMetricsPage } from './metrics-page';
import { AppealSummariesPage, AppealSummaryPage } from './summaries-page';

export function AppealMetricsRoute() {
  const me = useMe().data;
  return (
    <RequirePermission anyOf={['appeals.metrics']}>
      <AppealMetricsPage canFreeze={Boolean(me?.permissions.includes('appeals.freeze'))} />
    </RequirePermission>
  );
}

export function AppealSummariesRoute() {
  return (
    <RequirePermission anyOf={['appeals.metrics']}>
      <AppealSummariesPage />
    </RequirePermission>
  );
}

export function AppealSummaryRoute() {
  const { id } = useParams();
  return (
    <RequirePermission anyOf={['appeals.metrics']}>
      <AppealSummaryPage key={id} id={id ?? ''} />
    </RequirePermission>
  );
}
