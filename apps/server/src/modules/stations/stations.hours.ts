import type { StationHours } from '@nuanxin/shared';
import { type HoursInput, hoursIssues, normaliseHours } from '@nuanxin/shared/stations.hours';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Opening hours on the server. The rules (minutes of the week, "open now", holidays, the summary
 * text, when "open now" can change) live in `@nuanxin/shared/stations.hours`, shared with the
 * console; this file re-exports them and adds the one thing that belongs to the server: turning
 * invalid input into `station.hours_invalid`.
 */
export * from '@nuanxin/shared/stations.hours';

/**
 * The validated, normalised hours (days sorted and unique, spans in input order), or
 * `station.hours_invalid` (400) listing every issue. `prefix` names the field in the details.
 */
export function parseHours(input: HoursInput, prefix = 'hours'): StationHours {
  const issues = hoursIssues(input);
  if (issues.length > 0)
    throw new AppError('station.hours_invalid', 'The opening hours are not valid', {
      issues: issues.map((i) => ({ path: `${prefix}.${i.path}`, message: i.message })),
    });
  return normaliseHours(input);
}
