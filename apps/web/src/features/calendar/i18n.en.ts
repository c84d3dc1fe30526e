import type { calendarZh } from './i18n';

/** English console texts of the working-day calendar screen (系统设置 → 工作日历); loaded with the English dictionaries only. */
export const calendarEn: typeof calendarZh = {
  menu: 'Working-day calendar',
  title: 'Working-day calendar',
  subtitle:
    "Deadlines count working days (from the next day, make-up workdays included). Import each year's official schedule once the State Council publishes it, before the year starts.",
  year: 'Year',
  noYears: 'No year is loaded',
  source: 'Source',
  official: 'Official',
  provisional: 'Provisional (awaiting the official schedule)',
  provisionalHint:
    'This year is provisional: plain weekdays and weekends, without public holidays or make-up workdays. Import the official schedule once it is published.',
  notLoaded:
    '{{year}} is not loaded: deadlines reaching into it cannot be computed. Import its official schedule.',
  counts: '{{work}} working days ({{adjusted}} make-up), {{holiday}} holiday days, {{weekend}} weekend days',
  kind_workday: 'Workday',
  kind_holiday: 'Holiday',
  kind_adjusted_workday: 'Make-up workday',
  kind_weekend: 'Weekend',
  month: 'Month {{m}}',
  weekdays: 'Mo,Tu,We,Th,Fr,Sa,Su',
  importTitle: 'Import the official schedule',
  importHint:
    'One row per line: date,kind,name. Kind is holiday or adjusted_workday (a make-up workday, on a Saturday or Sunday). Unlisted dates are Mon–Fri workdays and Sat/Sun weekends. One year per file; importing the same rows again changes nothing.',
  filename: 'File name (recorded as the source)',
  format: 'Format',
  importButton: 'Import',
  imported: 'Imported {{year}}: {{changed}} days changed, {{unchanged}} unchanged',
  editTitle: 'Edit {{date}}',
  kind: 'Kind',
  name: 'Name',
  namePlaceholder: 'e.g. National Day',
  save: 'Save',
  saved: 'Saved',
  dayInfo: 'Source: {{source}} · version {{version}}',
  clickToEdit: 'Click a date to edit that day',
};
