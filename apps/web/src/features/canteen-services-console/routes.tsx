import { useParams } from 'react-router';
import { RequirePermission } from '../../app/routes/admin/guard';
import { CanteenServiceStationsPage, StationCanteenServicesPage } from './pages';

/** Console routes of 政务代办 and 节假日托幼: the stations offering them, and one station's page. */

export function CanteenServiceStationsRoute() {
  return (
    <RequirePermission anyOf={['stations.read', 'stations.keep']}>
      <CanteenServiceStationsPage />
    </RequirePermission>
  );
}

export function StationCanteenServicesRoute() {
  const { id } = useParams();
  return (
    <RequirePermission anyOf={['stations.read', 'stations.keep']}>
      <StationCanteenServicesPage key={id} stationId={id ?? ''} />
    </RequirePermission>
  );
}
