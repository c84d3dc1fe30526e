-- Metric facts of the existing cases (docs/metrics.md, "Performance notes"): the same expressions
-- as appeals.facts.ts (refreshFactsOf), over every case at once. Every (district, day) cell is
-- marked dirty, so the daily cube is built by the first metrics query that reads it.
INSERT INTO "appeal_fact" (appeal_id, created_at, region_code, category_id, channel, lead_unit_id, state,
  dispatch_due_at, sign_due_at, due_at, resolved_at, decided_at, resolve_count, reopen_count, last_visit,
  last_answer)
SELECT a.id, a.created_at, a.region_code, a.category_id, a.channel, a.lead_unit_id, a.state,
  a.dispatch_due_at, a.sign_due_at, a.due_at, a.resolved_at, ev.decided_at, coalesce(ev.resolves, 0),
  coalesce(ev.reopens, 0), ev.last_visit, ev.last_answer
FROM "appeal" a
LEFT JOIN (
  SELECT e.appeal_id,
    min(e.at) FILTER (WHERE e.action IN ('accept', 'dispatch', 'refuse', 'markDuplicate')) AS decided_at,
    count(*) FILTER (WHERE e.action = 'resolve')::int AS resolves,
    count(*) FILTER (WHERE e.action = 'visit' AND e.to_state = 'handling')::int AS reopens,
    (array_agg(e.data->>'satisfaction' ORDER BY e.at DESC, e.id DESC)
      FILTER (WHERE e.action IN ('visit', 'noAnswer')))[1] AS last_visit,
    (array_agg(e.data->>'satisfaction' ORDER BY e.at DESC, e.id DESC)
      FILTER (WHERE e.action = 'visit'))[1] AS last_answer
  FROM "appeal_event" e
  WHERE e.action IN ('accept', 'dispatch', 'refuse', 'markDuplicate', 'resolve', 'visit', 'noAnswer')
  GROUP BY e.appeal_id
) ev ON ev.appeal_id = a.id
ON CONFLICT (appeal_id) DO NOTHING;--> statement-breakpoint
INSERT INTO "appeal_metric_cube_dirty" (county, day)
SELECT DISTINCT left(region_code, 6), ((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date
FROM "appeal_fact";--> statement-breakpoint
ANALYZE "appeal_fact";
