import { createBrowserRouter, RouterProvider } from 'react-router';

/**
 * Every face is a lazy chunk: the worker app never downloads the console (antd) and the console
 * never downloads antd-mobile.
 */
const router = createBrowserRouter([
  { path: '/', lazy: async () => ({ Component: (await import('./routes/landing')).LandingRoute }) },
  {
    path: '/admin',
    lazy: async () => ({ Component: (await import('./routes/admin/root')).AdminRoot }),
    children: [
      {
        path: 'login',
        lazy: async () => ({ Component: (await import('./routes/admin/login')).AdminLoginRoute }),
      },
      {
        lazy: async () => ({ Component: (await import('./layouts/admin-layout')).AdminLayout }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./routes/admin/home')).AdminHomeRoute }),
          },
          {
            path: 'users',
            lazy: async () => ({ Component: (await import('./routes/admin/users')).UsersRoute }),
          },
          {
            path: 'appeals',
            lazy: async () => ({ Component: (await import('./routes/admin/appeals')).AppealsWorkbenchRoute }),
          },
          {
            path: 'appeals/new',
            lazy: async () => ({ Component: (await import('./routes/admin/appeals')).HotlineIntakeRoute }),
          },
          {
            path: 'appeals/metrics',
            lazy: async () => ({
              Component: (await import('../features/appeal-metrics/routes')).AppealMetricsRoute,
            }),
          },
          {
            path: 'appeals/summaries',
            lazy: async () => ({
              Component: (await import('../features/appeal-metrics/routes')).AppealSummariesRoute,
            }),
          },
          {
            path: 'appeals/summaries/:id',
            lazy: async () => ({
              Component: (await import('../features/appeal-metrics/routes')).AppealSummaryRoute,
            }),
          },
          {
            path: 'appeals/:id',
            lazy: async () => ({ Component: (await import('./routes/admin/appeals')).AppealCaseRoute }),
          },
          {
            path: 'tokens',
            lazy: async () => ({ Component: (await import('./routes/admin/tokens')).TokensRoute }),
          },
          {
            path: 'audit',
            lazy: async () => ({ Component: (await import('./routes/admin/audit')).AuditRoute }),
          },
          {
            path: 'notifications',
            lazy: async () => ({
              Component: (await import('./routes/admin/notifications')).NotificationsRoute,
            }),
          },
          {
            path: 'settings',
            lazy: async () => ({ Component: (await import('./routes/admin/settings')).SettingsRoute }),
          },
          {
            path: '403',
            lazy: async () => ({ Component: (await import('./routes/admin/errors')).ForbiddenRoute }),
          },
          {
            path: '*',
            lazy: async () => ({ Component: (await import('./routes/admin/errors')).NotFoundRoute }),
          },
        ],
      },
    ],
  },
  {
    path: '/m',
    lazy: async () => ({ Component: (await import('./routes/m/root')).MobileRoot }),
    children: [
      {
        path: 'login',
        lazy: async () => ({ Component: (await import('./routes/m/login')).MobileLoginRoute }),
      },
      {
        lazy: async () => ({ Component: (await import('./layouts/mobile-layout')).MobileLayout }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./routes/m/home')).MobileHomeRoute }),
          },
          {
            path: 'map',
            lazy: async () => ({ Component: (await import('./routes/m/placeholders')).MapRoute }),
          },
          {
            path: 'services',
            lazy: async () => ({ Component: (await import('./routes/m/placeholders')).ServicesRoute }),
          },
          { path: 'me', lazy: async () => ({ Component: (await import('./routes/m/me')).MeRoute }) },
          {
            path: 'appeals',
            lazy: async () => ({ Component: (await import('./routes/m/appeals')).MyAppealsRoute }),
          },
          {
            path: 'appeals/new',
            lazy: async () => ({ Component: (await import('./routes/m/appeals')).ReportAppealRoute }),
          },
          {
            path: 'appeals/:id',
            lazy: async () => ({ Component: (await import('./routes/m/appeals')).MobileAppealRoute }),
          },
          {
            path: 'soon/:key',
            lazy: async () => ({ Component: (await import('./routes/m/placeholders')).SoonRoute }),
          },
          {
            path: '*',
            lazy: async () => ({ Component: (await import('./routes/m/placeholders')).SoonRoute }),
          },
        ],
      },
    ],
  },
  { path: '*', lazy: async () => ({ Component: (await import('./routes/landing')).LandingRoute }) },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
