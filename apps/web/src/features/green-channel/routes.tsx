import { RequirePermission } from '../../app/routes/admin/guard';
import { useMe } from '../auth/api/get-me';
import {
  AlertsPage,
  GreenClaimPage,
  GreenMetricsPage,
  GreenQueuePage,
  NoticesPage,
  PlatformQueuePage,
} from './admin';

export function GreenQueueRoute() {
  return (
    <RequirePermission anyOf={['green_channel.review', 'green_channel.alerts']}>
      <GreenQueuePage />
    </RequirePermission>
  );
}

export function GreenPlatformRoute() {
  return (
    <RequirePermission anyOf={['green_channel.answer']}>
      <PlatformQueuePage />
    </RequirePermission>
  );
}

export function GreenClaimRoute() {
  return (
    <RequirePermission anyOf={['green_channel.read']}>
      <GreenClaimPage />
    </RequirePermission>
  );
}

export function GreenAlertsRoute() {
  const me = useMe().data;
  return (
    <RequirePermission anyOf={['green_channel.read']}>
      <AlertsPage canRecord={Boolean(me?.permissions.includes('green_channel.alerts'))} />
    </RequirePermission>
  );
}

export function GreenNoticesRoute() {
  return (
    <RequirePermission anyOf={['green_channel.review', 'green_channel.answer', 'green_channel.alerts']}>
      <NoticesPage />
    </RequirePermission>
  );
}

export function GreenMetricsRoute() {
  return (
    <RequirePermission anyOf={['green_channel.metrics']}>
      <GreenMetricsPage />
    </RequirePermission>
  );
}
