import { TokensPage } from '../../../features/tokens/components/tokens-page';
import { RequirePermission } from './guard';

export function TokensRoute() {
  return (
    <RequirePermission anyOf={['tokens.manage_own', 'tokens.manage_any']}>
      <TokensPage />
    </RequirePermission>
  );
}
