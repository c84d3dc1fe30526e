import { useParams } from 'react-router';
import { RequirePermission } from '../../app/routes/admin/guard';
import { AccountsPage } from './accounts-page';

/** Console route of a station's payments and operating account (docs/contract-hub-canteen.md). */
export function StationAccountsRoute() {
  const { id } = useParams();
  return (
    <RequirePermission anyOf={['stations.read', 'stations.keep']}>
      <AccountsPage key={id} stationId={id ?? ''} />
    </RequirePermission>
  );
}
