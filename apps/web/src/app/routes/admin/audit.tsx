import { AuditPage } from '../../../features/audit/components/audit-page';
import { RequirePermission } from './guard';

export function AuditRoute() {
  return (
    <RequirePermission anyOf={['audit.read']}>
      <AuditPage />
    </RequirePermission>
  );
}
