import { useParams } from 'react-router';
import { RequirePermission } from '../../app/routes/admin/guard';
import { MealStationsPage, StationMealsPage } from './pages';

/** Console routes of meals: the stations serving meals, and one station's board, menus and sales. */

export function MealStationsRoute() {
  return (
    <RequirePermission anyOf={['stations.read', 'stations.keep']}>
      <MealStationsPage />
    </RequirePermission>
  );
}

export function StationMealsRoute() {
  const { id } = useParams();
  return (
    <RequirePermission anyOf={['stations.read', 'stations.keep']}>
      <StationMealsPage key={id} stationId={id ?? ''} />
    </RequirePermission>
  );
}
