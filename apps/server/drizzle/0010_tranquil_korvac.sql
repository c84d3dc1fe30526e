CREATE TABLE "gov_project" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"category_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"lead_unit_id" uuid NOT NULL,
	"co_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"level" text DEFAULT 'district_department' NOT NULL,
	"concentrated" boolean DEFAULT false NOT NULL,
	"cross_region" boolean DEFAULT false NOT NULL,
	"cross_department" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"reply" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"escalated_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gov_project_action" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target_org_id" uuid,
	"target_name" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"by_id" uuid,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gov_project_case" (
	"project_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"added_by" uuid
);
--> statement-breakpoint
CREATE TABLE "gov_project_milestone" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_date" date,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gov_project_progress" (
	"id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"note" text NOT NULL,
	"by_id" uuid,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gov_project" ADD CONSTRAINT "gov_project_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project" ADD CONSTRAINT "gov_project_lead_unit_id_organisation_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project" ADD CONSTRAINT "gov_project_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_action" ADD CONSTRAINT "gov_project_action_project_id_gov_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."gov_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_action" ADD CONSTRAINT "gov_project_action_target_org_id_organisation_id_fk" FOREIGN KEY ("target_org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_action" ADD CONSTRAINT "gov_project_action_by_id_app_user_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_case" ADD CONSTRAINT "gov_project_case_project_id_gov_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."gov_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_case" ADD CONSTRAINT "gov_project_case_added_by_app_user_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_milestone" ADD CONSTRAINT "gov_project_milestone_project_id_gov_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."gov_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_milestone" ADD CONSTRAINT "gov_project_milestone_done_by_app_user_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_progress" ADD CONSTRAINT "gov_project_progress_project_id_gov_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."gov_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gov_project_progress" ADD CONSTRAINT "gov_project_progress_by_id_app_user_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gov_project_code_idx" ON "gov_project" USING btree ("code");--> statement-breakpoint
CREATE INDEX "gov_project_region_idx" ON "gov_project" USING btree ("region_code","state");--> statement-breakpoint
CREATE INDEX "gov_project_lead_idx" ON "gov_project" USING btree ("lead_unit_id");--> statement-breakpoint
CREATE INDEX "gov_project_action_project_idx" ON "gov_project_action" USING btree ("project_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "gov_project_case_pk_idx" ON "gov_project_case" USING btree ("project_id","appeal_id");--> statement-breakpoint
CREATE INDEX "gov_project_case_appeal_idx" ON "gov_project_case" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "gov_project_milestone_project_idx" ON "gov_project_milestone" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "gov_project_progress_project_idx" ON "gov_project_progress" USING btree ("project_id","at");