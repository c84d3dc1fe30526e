import { type AuthzCase, expectRoles } from '../testing/authz.ts';
import { libraryDays } from './seed.ts';

/** 2026's holidays and make-up days as the library has them: importing them changes nothing. */
const csv2026 = () =>
  [
    'date,kind,name',
    ...libraryDays([2026])
      .filter((d) => d.kind === 'holiday' || d.kind === 'adjusted_workday')
      .map((d) => `${d.date},${d.kind},${d.name ?? ''}`),
  ].join('\n');

/** Only the system administrator (`settings.manage`) reads or changes the working-day calendar. */
const onlySystemAdmin = expectRoles(403, { anonymous: 401, system_admin: 200 });

export const calendarAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/calendar/years',
    request: () => ({ url: '/api/v1/calendar/years' }),
    expect: onlySystemAdmin,
  },
  {
    route: 'GET /api/v1/calendar/days',
    request: () => ({ url: '/api/v1/calendar/days', query: { year: '2026' } }),
    expect: onlySystemAdmin,
  },
  {
    route: 'POST /api/v1/calendar/import',
    request: () => ({
      url: '/api/v1/calendar/import',
      payload: { content: csv2026(), format: 'csv', filename: 'authz-2026.csv' },
    }),
    expect: onlySystemAdmin,
  },
  {
    route: 'PUT /api/v1/calendar/days/:date',
    // 国庆节 stays a holiday: allowed or not, nothing changes.
    request: () => ({
      url: '/api/v1/calendar/days/2026-10-01',
      payload: { kind: 'holiday', name: '国庆节' },
    }),
    expect: onlySystemAdmin,
  },
];
