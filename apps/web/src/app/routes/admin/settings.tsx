import { SettingsPage } from '../../../features/auth/components/settings-page';

export function SettingsRoute() {
  return <SettingsPage />;
}
