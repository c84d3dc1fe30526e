CREATE TABLE "appeal_metric_snapshot" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"month" text NOT NULL,
	"metrics_version" text NOT NULL,
	"payload" jsonb NOT NULL,
	"frozen_by" uuid,
	"frozen_by_name" text,
	"frozen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_weekly_summary" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scope_kind" text NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid,
	"scope_name" text NOT NULL,
	"week_start" date NOT NULL,
	"metrics_version" text NOT NULL,
	"payload" jsonb NOT NULL,
	"generated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeal_metric_snapshot" ADD CONSTRAINT "appeal_metric_snapshot_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_weekly_summary" ADD CONSTRAINT "appeal_weekly_summary_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_weekly_summary" ADD CONSTRAINT "appeal_weekly_summary_org_id_organisation_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_metric_snapshot_region_month_idx" ON "appeal_metric_snapshot" USING btree ("region_code","month");--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_weekly_summary_scope_week_idx" ON "appeal_weekly_summary" USING btree ("scope_kind","region_code","week_start") WHERE org_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_weekly_summary_org_week_idx" ON "appeal_weekly_summary" USING btree ("org_id","week_start") WHERE org_id is not null;--> statement-breakpoint
CREATE INDEX "appeal_weekly_summary_week_idx" ON "appeal_weekly_summary" USING btree ("week_start");