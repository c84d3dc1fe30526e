import { useParams } from 'react-router';
import { RequirePermission } from '../../app/routes/admin/guard';
import { HubStationPage, HubStationsPage } from './pages';

/** Console routes of the 暖心之家 hub (docs/hub.md). */

export function HubStationsRoute() {
  return (
    <RequirePermission anyOf={['stations.read', 'stations.keep']}>
      <HubStationsPage />
    </RequirePermission>
  );
}

export function HubStationRoute() {
  const { id } = useParams();
  return (
    <RequirePermission anyOf={['stations.read', 'stations.keep']}>
      <HubStationPage key={id} id={id ?? ''} />
    </RequirePermission>
  );
}
