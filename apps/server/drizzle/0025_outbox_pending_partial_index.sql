DROP INDEX "outbox_event_pending_idx";--> statement-breakpoint
CREATE INDEX "outbox_event_pending_idx" ON "outbox_event" USING btree ("created_at") WHERE dispatched_at is null;