/** Pages under each tab (by path prefix); anything else belongs to 首页. */
const TAB_PREFIXES: readonly (readonly [string, readonly string[]])[] = [
  ['/m/map', ['/m/map', '/m/stations/', '/m/checkin/']],
  [
    '/m/services',
    [
      '/m/services',
      '/m/appeals',
      '/m/green-channel',
      '/m/wish',
      '/m/parking',
      '/m/compounds',
      '/m/deliveries',
      '/m/soon/',
    ],
  ],
  ['/m/me', ['/m/me', '/m/visits', '/m/bookings', '/m/orders', '/m/my-services']],
];

/** The tab a worker-app path belongs to, so the tab bar shows where the worker is. */
export function activeTab(pathname: string): string {
  for (const [tab, prefixes] of TAB_PREFIXES)
    if (prefixes.some((p) => pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`)))
      return tab;
  return '/m';
}
