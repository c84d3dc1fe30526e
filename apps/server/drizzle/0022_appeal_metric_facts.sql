CREATE TABLE "appeal_fact" (
	"appeal_id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"region_code" text NOT NULL,
	"category_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"lead_unit_id" uuid,
	"state" text NOT NULL,
	"dispatch_due_at" timestamp with time zone,
	"sign_due_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"resolve_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"last_visit" text,
	"last_answer" text
);
--> statement-breakpoint
CREATE TABLE "appeal_metric_cube" (
	"county" text NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"timely_sign_n" integer DEFAULT 0 NOT NULL,
	"timely_sign_d" integer DEFAULT 0 NOT NULL,
	"on_time_resolve_n" integer DEFAULT 0 NOT NULL,
	"on_time_resolve_d" integer DEFAULT 0 NOT NULL,
	"response_n" integer DEFAULT 0 NOT NULL,
	"response_d" integer DEFAULT 0 NOT NULL,
	"resolution_n" integer DEFAULT 0 NOT NULL,
	"resolution_d" integer DEFAULT 0 NOT NULL,
	"satisfaction_n" integer DEFAULT 0 NOT NULL,
	"satisfaction_d" integer DEFAULT 0 NOT NULL,
	"reopen_n" integer DEFAULT 0 NOT NULL,
	"reopen_d" integer DEFAULT 0 NOT NULL,
	"return_n" integer DEFAULT 0 NOT NULL,
	"return_d" integer DEFAULT 0 NOT NULL,
	"handled_n" integer DEFAULT 0 NOT NULL,
	"handled_d" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "appeal_metric_cube_county_day_kind_key_pk" PRIMARY KEY("county","day","kind","key")
);
--> statement-breakpoint
CREATE TABLE "appeal_metric_cube_dirty" (
	"county" text NOT NULL,
	"day" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeal_fact" ADD CONSTRAINT "appeal_fact_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_fact_created_idx" ON "appeal_fact" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "appeal_fact_undecided_idx" ON "appeal_fact" USING btree ("created_at") WHERE decided_at is null;--> statement-breakpoint
CREATE INDEX "appeal_fact_dispatched_idx" ON "appeal_fact" USING btree ("created_at") WHERE state = 'dispatched';--> statement-breakpoint
CREATE INDEX "appeal_metric_cube_dirty_idx" ON "appeal_metric_cube_dirty" USING btree ("county","day");