DROP INDEX "outbox_event_pending_idx";--> statement-breakpoint
ALTER TABLE "outbox_event" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_event_pending_idx" ON "outbox_event" USING btree ("dispatched_at","next_attempt_at");