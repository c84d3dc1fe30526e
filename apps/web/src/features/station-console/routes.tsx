import { useParams } from 'react-router';
import { RequirePermission } from '../../app/routes/admin/guard';
import { CapacityBoard } from './capacity-board';
import { CataloguePage } from './catalogue-page';
import { StationPosterPage } from './poster-page';
import { StationPage } from './station-page';
import { StationsPage } from './stations-page';

/** Console routes of service stations 阵地管理 (docs/contract-stations.md). */

export function StationsRoute() {
  return (
    <RequirePermission anyOf={['stations.read']}>
      <StationsPage />
    </RequirePermission>
  );
}

export function StationRoute() {
  const { id } = useParams();
  return (
    <RequirePermission anyOf={['stations.read']}>
      <StationPage key={id} id={id ?? ''} />
    </RequirePermission>
  );
}

export function CapacityBoardRoute() {
  return (
    <RequirePermission anyOf={['stations.keep', 'stations.manage']}>
      <CapacityBoard />
    </RequirePermission>
  );
}

export function StationCatalogueRoute() {
  return (
    <RequirePermission anyOf={['stations.catalogue']}>
      <CataloguePage />
    </RequirePermission>
  );
}

/** Outside the console layout (prints only the sheet), like the wish-box poster. */
export function StationPosterRoute() {
  const { id } = useParams();
  return (
    <RequirePermission anyOf={['stations.keep', 'stations.manage']}>
      <StationPosterPage id={id ?? ''} />
    </RequirePermission>
  );
}
