/** Visit figures of a station (stations.visits): the periods of the chart's axis. Pure. */

/**
 * Every period of `from`…`to` (days `YYYY-MM-DD` or months `YYYY-MM`), so a day without visits
 * shows as zero rather than missing from the axis.
 */
export function periodsOf(from: string, to: string, granularity: 'day' | 'month'): string[] {
  const out: string[] = [];
  if (granularity === 'month') {
    let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
    const end = to.slice(0, 7);
    for (let i = 0; i < 240; i++) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      out.push(key);
      if (key >= end) break;
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
    return out;
  }
  const start = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const stop = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  for (let t = start, i = 0; t <= stop && i < 800; t += 86_400_000, i++)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
