CREATE TABLE "appeal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"type" text NOT NULL,
	"category_id" uuid NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"channel" text NOT NULL,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"reporter_user_id" uuid,
	"created_by" uuid NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"contact_name" text,
	"contact_phone_enc" text,
	"contact_phone_masked" text,
	"caller_name" text,
	"caller_phone_enc" text,
	"caller_phone_masked" text,
	"called_at" timestamp with time zone,
	"description" text NOT NULL,
	"privacy" text DEFAULT 'private' NOT NULL,
	"region_code" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"address" text,
	"idempotency_key" text,
	"lead_unit_id" uuid,
	"dispatched_at" timestamp with time zone,
	"sign_due_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"dispatch_due_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reply" text,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"supervised_at" timestamp with time zone,
	"duplicate_of" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_assignment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"appeal_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" text NOT NULL,
	"dispatched_at" timestamp with time zone NOT NULL,
	"signed_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"return_reason" text,
	"not_our_duty" boolean DEFAULT false NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "appeal_case_seq" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "appeal_case_seq_region_code_day_pk" PRIMARY KEY("region_code","day")
);
--> statement-breakpoint
CREATE TABLE "appeal_category" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"radius_meters" integer DEFAULT 200 NOT NULL,
	"accepts_public" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_dispatch_rule" (
	"id" uuid PRIMARY KEY NOT NULL,
	"category_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"appeal_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"data" jsonb,
	"public" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_extension" (
	"id" uuid PRIMARY KEY NOT NULL,
	"appeal_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_by_name" text NOT NULL,
	"working_days" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"new_due_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "appeal_follower" (
	"appeal_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appeal_follower_appeal_id_user_id_pk" PRIMARY KEY("appeal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "appeal_visit" (
	"id" uuid PRIMARY KEY NOT NULL,
	"appeal_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"satisfaction" text NOT NULL,
	"comment" text,
	"channel" text NOT NULL,
	"by_user_id" uuid,
	"by_name" text
);
--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_category_id_appeal_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."appeal_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_reporter_user_id_app_user_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_lead_unit_id_organisation_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_duplicate_of_appeal_id_fk" FOREIGN KEY ("duplicate_of") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_assignment" ADD CONSTRAINT "appeal_assignment_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_assignment" ADD CONSTRAINT "appeal_assignment_unit_id_organisation_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_category" ADD CONSTRAINT "appeal_category_parent_id_appeal_category_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."appeal_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_dispatch_rule" ADD CONSTRAINT "appeal_dispatch_rule_category_id_appeal_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."appeal_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_dispatch_rule" ADD CONSTRAINT "appeal_dispatch_rule_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_dispatch_rule" ADD CONSTRAINT "appeal_dispatch_rule_unit_id_organisation_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_event" ADD CONSTRAINT "appeal_event_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_extension" ADD CONSTRAINT "appeal_extension_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_follower" ADD CONSTRAINT "appeal_follower_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_follower" ADD CONSTRAINT "appeal_follower_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_visit" ADD CONSTRAINT "appeal_visit_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_case_no_idx" ON "appeal" USING btree ("case_no");--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_idempotency_idx" ON "appeal" USING btree ("created_by","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "appeal_state_idx" ON "appeal" USING btree ("state");--> statement-breakpoint
CREATE INDEX "appeal_region_idx" ON "appeal" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "appeal_reporter_idx" ON "appeal" USING btree ("reporter_user_id");--> statement-breakpoint
CREATE INDEX "appeal_lead_unit_idx" ON "appeal" USING btree ("lead_unit_id");--> statement-breakpoint
CREATE INDEX "appeal_created_idx" ON "appeal" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "appeal_category_idx" ON "appeal" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "appeal_geo_idx" ON "appeal" USING gist (ll_to_earth("lat", "lng")) WHERE lat is not null and lng is not null;--> statement-breakpoint
CREATE INDEX "appeal_assignment_appeal_idx" ON "appeal_assignment" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "appeal_assignment_unit_idx" ON "appeal_assignment" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_category_code_idx" ON "appeal_category" USING btree ("code");--> statement-breakpoint
CREATE INDEX "appeal_category_parent_idx" ON "appeal_category" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_dispatch_rule_idx" ON "appeal_dispatch_rule" USING btree ("category_id","region_code");--> statement-breakpoint
CREATE INDEX "appeal_event_appeal_idx" ON "appeal_event" USING btree ("appeal_id","at");--> statement-breakpoint
CREATE INDEX "appeal_extension_appeal_idx" ON "appeal_extension" USING btree ("appeal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_extension_one_pending_idx" ON "appeal_extension" USING btree ("appeal_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "appeal_follower_user_idx" ON "appeal_follower" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "appeal_visit_appeal_idx" ON "appeal_visit" USING btree ("appeal_id");