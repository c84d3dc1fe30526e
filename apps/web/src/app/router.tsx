import { createBrowserRouter, RouterProvider } from 'react-router';
import { loadConsoleDictionaries } from '../i18n';

/**
 * Every face is a lazy chunk: the worker app never downloads the console (antd) and the console
 * never downloads antd-mobile.
 */
const router = createBrowserRouter([
  { path: '/', lazy: async () => ({ Component: (await import('./routes/landing')).LandingRoute }) },
  {
    path: '/admin',
    // The console's dictionaries come with it (not in the entry the worker app loads).
    lazy: async () => {
      const [m] = await Promise.all([import('./routes/admin/root'), loadConsoleDictionaries()]);
      return { Component: m.AdminRoot };
    },
    children: [
      {
        path: 'login',
        lazy: async () => ({ Component: (await import('./routes/admin/login')).AdminLoginRoute }),
      },
      {
        path: 'wish-boxes/:id/poster',
        lazy: async () => ({ Component: (await import('../features/wishes/routes')).WishPosterRoute }),
      },
      {
        path: 'stations/:id/poster',
        lazy: async () => ({
          Component: (await import('../features/station-console/routes')).StationPosterRoute,
        }),
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
            path: 'appeals/categories',
            lazy: async () => ({
              Component: (await import('../features/appeal-catalogue/routes')).AppealCategoriesRoute,
            }),
          },
          {
            path: 'appeals/catalogue',
            lazy: async () => ({
              Component: (await import('../features/appeal-catalogue/routes')).DispatchCatalogueRoute,
            }),
          },
          {
            path: 'appeals/map',
            lazy: async () => ({ Component: (await import('../features/appeal-map/routes')).AppealMapRoute }),
          },
          {
            path: 'appeals/:id',
            lazy: async () => ({ Component: (await import('./routes/admin/appeals')).AppealCaseRoute }),
          },
          {
            path: 'green-channel',
            lazy: async () => ({
              Component: (await import('../features/green-channel/routes')).GreenQueueRoute,
            }),
          },
          {
            path: 'green-channel/platform',
            lazy: async () => ({
              Component: (await import('../features/green-channel/routes')).GreenPlatformRoute,
            }),
          },
          {
            path: 'green-channel/alerts',
            lazy: async () => ({
              Component: (await import('../features/green-channel/routes')).GreenAlertsRoute,
            }),
          },
          {
            path: 'green-channel/notices',
            lazy: async () => ({
              Component: (await import('../features/green-channel/routes')).GreenNoticesRoute,
            }),
          },
          {
            path: 'green-channel/metrics',
            lazy: async () => ({
              Component: (await import('../features/green-channel/routes')).GreenMetricsRoute,
            }),
          },
          {
            path: 'green-channel/:id',
            lazy: async () => ({
              Component: (await import('../features/green-channel/routes')).GreenClaimRoute,
            }),
          },
          {
            path: 'duty',
            lazy: async () => ({
              Component: (await import('../features/duty/components/duty-route')).DutyRoute,
            }),
          },
          {
            path: 'wishes',
            lazy: async () => ({ Component: (await import('../features/wishes/routes')).WishBoardRoute }),
          },
          {
            path: 'forums',
            lazy: async () => ({ Component: (await import('../features/wishes/routes')).ForumsRoute }),
          },
          {
            path: 'projects',
            lazy: async () => ({ Component: (await import('../features/projects/routes')).ProjectsRoute }),
          },
          {
            path: 'projects/:id',
            lazy: async () => ({ Component: (await import('../features/projects/routes')).ProjectRoute }),
          },
          {
            path: 'stations',
            lazy: async () => ({
              Component: (await import('../features/station-console/routes')).StationsRoute,
            }),
          },
          {
            path: 'stations/board',
            lazy: async () => ({
              Component: (await import('../features/station-console/routes')).CapacityBoardRoute,
            }),
          },
          {
            path: 'stations/catalogue',
            lazy: async () => ({
              Component: (await import('../features/station-console/routes')).StationCatalogueRoute,
            }),
          },
          {
            path: 'stations/:id',
            lazy: async () => ({
              Component: (await import('../features/station-console/routes')).StationRoute,
            }),
          },
          {
            path: 'stations/:id/meals',
            lazy: async () => ({
              Component: (await import('../features/meals-console/routes')).StationMealsRoute,
            }),
          },
          {
            path: 'canteen-services',
            lazy: async () => ({
              Component: (await import('../features/canteen-services-console/routes'))
                .CanteenServiceStationsRoute,
            }),
          },
          {
            path: 'stations/:id/canteen-services',
            lazy: async () => ({
              Component: (await import('../features/canteen-services-console/routes'))
                .StationCanteenServicesRoute,
            }),
          },
          {
            path: 'meals',
            lazy: async () => ({
              Component: (await import('../features/meals-console/routes')).MealStationsRoute,
            }),
          },
          {
            path: 'hub',
            lazy: async () => ({
              Component: (await import('../features/hub-console/routes')).HubStationsRoute,
            }),
          },
          {
            path: 'stations/:id/hub',
            lazy: async () => ({
              Component: (await import('../features/hub-console/routes')).HubStationRoute,
            }),
          },
          {
            path: 'stations/:id/accounts',
            lazy: async () => ({
              Component: (await import('../features/payments-console/routes')).StationAccountsRoute,
            }),
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
            path: 'settings/calendar',
            lazy: async () => ({
              Component: (await import('../features/calendar/routes')).CalendarSettingsRoute,
            }),
          },
          {
            path: 'parking-zones',
            lazy: async () => ({ Component: (await import('../features/parking/routes')).ParkingZonesRoute }),
          },
          {
            path: 'deliveries',
            lazy: async () => ({
              Component: (await import('../features/deliveries-console/routes')).DeliveriesConsoleRoute,
            }),
          },
          {
            path: 'compound-access',
            lazy: async () => ({
              Component: (await import('../features/parking/routes')).CompoundQueueRoute,
            }),
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
            lazy: async () => {
              const m = await import('../features/station-map/map-route');
              return { Component: m.StationMapRoute, loader: m.stationMapLoader };
            },
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
            path: 'green-channel',
            lazy: async () => ({
              Component: (await import('../features/green-channel/mobile')).MyGreenClaimsPage,
            }),
          },
          {
            path: 'green-channel/new',
            lazy: async () => ({
              Component: (await import('../features/green-channel/mobile')).GreenClaimFormPage,
            }),
          },
          {
            path: 'green-channel/:id',
            lazy: async () => ({
              Component: (await import('../features/green-channel/mobile')).MobileGreenClaimPage,
            }),
          },
          {
            path: 'wish',
            lazy: async () => ({ Component: (await import('../features/wishes/mobile-routes')).WishRoute }),
          },
          {
            path: 'wish/mine',
            lazy: async () => ({
              Component: (await import('../features/wishes/mobile-routes')).MyWishesRoute,
            }),
          },
          {
            path: 'stations/:id',
            lazy: async () => ({ Component: (await import('../features/station-map/routes')).StationRoute }),
          },
          {
            path: 'stations/:id/menu',
            lazy: async () => ({ Component: (await import('../features/meals/routes')).StationMenuRoute }),
          },
          {
            path: 'stations/:id/proxy',
            lazy: async () => ({
              Component: (await import('../features/canteen-services/routes')).StationProxyRoute,
            }),
          },
          {
            path: 'stations/:id/childcare',
            lazy: async () => ({
              Component: (await import('../features/canteen-services/routes')).StationChildcareRoute,
            }),
          },
          {
            path: 'my-services',
            lazy: async () => ({
              Component: (await import('../features/canteen-services/routes')).MyServicesRoute,
            }),
          },
          {
            path: 'orders',
            lazy: async () => ({ Component: (await import('../features/meals/routes')).MyMealOrdersRoute }),
          },
          {
            path: 'stations/:id/hub',
            lazy: async () => ({ Component: (await import('../features/hub/routes')).HubBookRoute }),
          },
          {
            path: 'bookings',
            lazy: async () => ({ Component: (await import('../features/hub/routes')).MyHubBookingsRoute }),
          },
          {
            path: 'bookings/:id',
            lazy: async () => ({ Component: (await import('../features/hub/routes')).HubBookingRoute }),
          },
          {
            path: 'orders/:id',
            lazy: async () => ({ Component: (await import('../features/meals/routes')).MealOrderRoute }),
          },
          {
            path: 'checkin/:code',
            lazy: async () => ({ Component: (await import('../features/station-map/routes')).CheckinRoute }),
          },
          {
            path: 'visits',
            lazy: async () => ({ Component: (await import('../features/station-map/routes')).MyVisitsRoute }),
          },
          {
            path: 'parking',
            lazy: async () => ({
              Component: (await import('../features/parking/mobile-routes')).ParkingRoute,
            }),
          },
          {
            path: 'compounds/new',
            lazy: async () => ({
              Component: (await import('../features/parking/mobile-routes')).ReportCompoundRoute,
            }),
          },
          {
            path: 'deliveries',
            lazy: async () => ({
              Component: (await import('../features/deliveries/routes')).DeliveriesRoute,
            }),
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
  {
    path: '/tv/rooms/:roomId',
    lazy: async () => ({ Component: (await import('../features/hub/routes')).RoomTvRoute }),
  },
  {
    path: '/home-meals',
    lazy: async () => ({
      Component: (await import('../features/deliveries/resident-page')).ResidentMealsRoute,
    }),
  },
  {
    path: '/stations',
    lazy: async () => {
      const m = await import('../features/station-map/public-page');
      return { Component: m.PublicStationsRoute, loader: m.publicStationsLoader };
    },
  },
  { path: '*', lazy: async () => ({ Component: (await import('./routes/landing')).LandingRoute }) },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
