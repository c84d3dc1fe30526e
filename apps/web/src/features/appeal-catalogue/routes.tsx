import { RequirePermission } from '../../app/routes/admin/guard';
import { CategoriesPage } from './categories-page';
import { RulesPage } from './rules-page';

export function AppealCategoriesRoute() {
  return (
    <RequirePermission anyOf={['appeals.manage_catalogue']}>
      <CategoriesPage />
    </RequirePermission>
  );
}

export function DispatchCatalogueRoute() {
  return (
    <RequirePermission anyOf={['appeals.manage_catalogue']}>
      <RulesPage />
    </RequirePermission>
  );
}
