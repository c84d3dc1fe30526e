/** Working-day calendar: the public surface for modules (deadlines, SLA metrics). */

export {
  ADMIN_SOURCE,
  calendarDaysOf,
  calendarYears,
  formatOfFilename,
  importCalendarYear,
  loadProvisionalYears,
  PROVISIONAL_SOURCE,
  parseCalendarImport,
  setCalendarDay,
} from './calendar.admin.ts';
export {
  addWorkingDays,
  addWorkingHours,
  buildCalendarData,
  type CalendarData,
  type CalendarDayRow,
  DAY_KINDS,
  type DayKind,
  isProvisional,
  isWorkday,
  OFFICE_WINDOWS,
  shanghaiDate,
  workingDaysBetween,
  workingHoursBetween,
} from './calendar.rules.ts';
export { calendarDay } from './calendar.tables.ts';
export { CALENDAR_CHANNEL, createWorkCalendar, type WorkCalendar, workCalendarFromRows } from './calendar.ts';
export { libraryDays, SEED_SOURCE, SEED_YEARS, seedCalendar } from './seed.ts';
