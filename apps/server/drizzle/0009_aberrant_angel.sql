CREATE TABLE "duty_assignment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"appeal_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"rota_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"arrived_at" timestamp with time zone NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"ack_due_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"escalated_to" uuid,
	"escalated_at" timestamp with time zone,
	"level" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_rota" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_shift" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rota_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grn_claim_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"side" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "grn_delay_claim" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"rider_user_id" uuid NOT NULL,
	"rider_name" text NOT NULL,
	"platform_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"order_nos" text[] NOT NULL,
	"order_at" timestamp with time zone NOT NULL,
	"delay_minutes" integer NOT NULL,
	"fine_fen" integer NOT NULL,
	"cause" text NOT NULL,
	"reason" text NOT NULL,
	"evidence_note" text,
	"reviewed_by" uuid,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"reject_reason" text,
	"notice_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grn_notice" (
	"id" uuid PRIMARY KEY NOT NULL,
	"notice_no" text NOT NULL,
	"kind" text NOT NULL,
	"platform_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"alert_id" uuid,
	"facts" text NOT NULL,
	"requested_answer_by" date NOT NULL,
	"sent_by" uuid NOT NULL,
	"sent_by_name" text NOT NULL,
	"sent_by_org_name" text,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grn_platform_answer" (
	"id" uuid PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"platform_org_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"waived_fen" integer NOT NULL,
	"reason" text,
	"decided_by" uuid NOT NULL,
	"decided_by_name" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grn_seq" (
	"key" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "grn_seq_key_day_pk" PRIMARY KEY("key","day")
);
--> statement-breakpoint
CREATE TABLE "grn_weather_alert" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"source" text NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forum" (
	"id" uuid PRIMARY KEY NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"host_org_id" uuid,
	"region_code" text NOT NULL,
	"minutes" text NOT NULL,
	"riders" integer DEFAULT 0 NOT NULL,
	"station_heads" integer DEFAULT 0 NOT NULL,
	"company_management" integer DEFAULT 0 NOT NULL,
	"departments" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forum_appeal" (
	"forum_id" uuid NOT NULL,
	"appeal_id" uuid NOT NULL,
	"case_no" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forum_appeal_forum_id_appeal_id_pk" PRIMARY KEY("forum_id","appeal_id")
);
--> statement-breakpoint
CREATE TABLE "wish" (
	"id" uuid PRIMARY KEY NOT NULL,
	"box_id" uuid,
	"region_code" text NOT NULL,
	"text" text NOT NULL,
	"state" text DEFAULT 'collected' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submitter_user_id" uuid,
	"anonymous" boolean DEFAULT false NOT NULL,
	"contact_name" text,
	"contact_phone_enc" text,
	"contact_phone_masked" text,
	"batch_id" uuid,
	"category_code" text,
	"tracker_user_id" uuid,
	"feedback" text,
	"activity_idea" boolean DEFAULT false NOT NULL,
	"converted_appeal_id" uuid,
	"converted_case_no" text,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"batched_at" timestamp with time zone,
	"classified_at" timestamp with time zone,
	"assigned_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wish_batch" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"week_start" date NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wish_box" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"host_org_id" uuid,
	"location" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "duty_assignment" ADD CONSTRAINT "duty_assignment_rota_id_duty_rota_id_fk" FOREIGN KEY ("rota_id") REFERENCES "public"."duty_rota"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_assignment" ADD CONSTRAINT "duty_assignment_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_assignment" ADD CONSTRAINT "duty_assignment_escalated_to_app_user_id_fk" FOREIGN KEY ("escalated_to") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_rota" ADD CONSTRAINT "duty_rota_org_id_organisation_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_rota" ADD CONSTRAINT "duty_rota_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shift" ADD CONSTRAINT "duty_shift_rota_id_duty_rota_id_fk" FOREIGN KEY ("rota_id") REFERENCES "public"."duty_rota"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shift" ADD CONSTRAINT "duty_shift_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_claim_event" ADD CONSTRAINT "grn_claim_event_claim_id_grn_delay_claim_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."grn_delay_claim"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_delay_claim" ADD CONSTRAINT "grn_delay_claim_rider_user_id_app_user_id_fk" FOREIGN KEY ("rider_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_delay_claim" ADD CONSTRAINT "grn_delay_claim_platform_org_id_organisation_id_fk" FOREIGN KEY ("platform_org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_delay_claim" ADD CONSTRAINT "grn_delay_claim_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_delay_claim" ADD CONSTRAINT "grn_delay_claim_reviewed_by_app_user_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_delay_claim" ADD CONSTRAINT "grn_delay_claim_notice_id_grn_notice_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."grn_notice"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_notice" ADD CONSTRAINT "grn_notice_platform_org_id_organisation_id_fk" FOREIGN KEY ("platform_org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_notice" ADD CONSTRAINT "grn_notice_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_notice" ADD CONSTRAINT "grn_notice_alert_id_grn_weather_alert_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."grn_weather_alert"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_notice" ADD CONSTRAINT "grn_notice_sent_by_app_user_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_platform_answer" ADD CONSTRAINT "grn_platform_answer_claim_id_grn_delay_claim_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."grn_delay_claim"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_platform_answer" ADD CONSTRAINT "grn_platform_answer_notice_id_grn_notice_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."grn_notice"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_platform_answer" ADD CONSTRAINT "grn_platform_answer_platform_org_id_organisation_id_fk" FOREIGN KEY ("platform_org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_platform_answer" ADD CONSTRAINT "grn_platform_answer_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_weather_alert" ADD CONSTRAINT "grn_weather_alert_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grn_weather_alert" ADD CONSTRAINT "grn_weather_alert_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum" ADD CONSTRAINT "forum_host_org_id_organisation_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum" ADD CONSTRAINT "forum_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum" ADD CONSTRAINT "forum_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_appeal" ADD CONSTRAINT "forum_appeal_forum_id_forum_id_fk" FOREIGN KEY ("forum_id") REFERENCES "public"."forum"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish" ADD CONSTRAINT "wish_box_id_wish_box_id_fk" FOREIGN KEY ("box_id") REFERENCES "public"."wish_box"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish" ADD CONSTRAINT "wish_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish" ADD CONSTRAINT "wish_submitter_user_id_app_user_id_fk" FOREIGN KEY ("submitter_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish" ADD CONSTRAINT "wish_batch_id_wish_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."wish_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish" ADD CONSTRAINT "wish_tracker_user_id_app_user_id_fk" FOREIGN KEY ("tracker_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_batch" ADD CONSTRAINT "wish_batch_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_box" ADD CONSTRAINT "wish_box_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_box" ADD CONSTRAINT "wish_box_host_org_id_organisation_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duty_assignment_appeal_level_idx" ON "duty_assignment" USING btree ("appeal_id","level");--> statement-breakpoint
CREATE INDEX "duty_assignment_user_open_idx" ON "duty_assignment" USING btree ("user_id") WHERE acknowledged_at is null and escalated_to is null;--> statement-breakpoint
CREATE UNIQUE INDEX "duty_rota_org_name_idx" ON "duty_rota" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "duty_rota_region_idx" ON "duty_rota" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "duty_shift_rota_time_idx" ON "duty_shift" USING btree ("rota_id","starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "grn_claim_event_claim_idx" ON "grn_claim_event" USING btree ("claim_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "grn_delay_claim_case_no_idx" ON "grn_delay_claim" USING btree ("case_no");--> statement-breakpoint
CREATE INDEX "grn_delay_claim_rider_idx" ON "grn_delay_claim" USING btree ("rider_user_id");--> statement-breakpoint
CREATE INDEX "grn_delay_claim_platform_idx" ON "grn_delay_claim" USING btree ("platform_org_id","state");--> statement-breakpoint
CREATE INDEX "grn_delay_claim_region_idx" ON "grn_delay_claim" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grn_delay_claim_notice_idx" ON "grn_delay_claim" USING btree ("notice_id") WHERE notice_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "grn_notice_no_idx" ON "grn_notice" USING btree ("notice_no");--> statement-breakpoint
CREATE INDEX "grn_notice_platform_idx" ON "grn_notice" USING btree ("platform_org_id","sent_at");--> statement-breakpoint
CREATE INDEX "grn_notice_region_idx" ON "grn_notice" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "grn_platform_answer_claim_idx" ON "grn_platform_answer" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "grn_weather_alert_region_idx" ON "grn_weather_alert" USING btree ("region_code","starts_at");--> statement-breakpoint
CREATE INDEX "forum_region_idx" ON "forum" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "forum_held_idx" ON "forum" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "wish_region_idx" ON "wish" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "wish_state_idx" ON "wish" USING btree ("state");--> statement-breakpoint
CREATE INDEX "wish_submitter_idx" ON "wish" USING btree ("submitter_user_id");--> statement-breakpoint
CREATE INDEX "wish_batch_idx" ON "wish" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "wish_created_idx" ON "wish" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "wish_idempotency_idx" ON "wish" USING btree ("submitter_user_id","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "wish_batch_scope_week_idx" ON "wish_batch" USING btree ("region_code","week_start");--> statement-breakpoint
CREATE INDEX "wish_box_region_idx" ON "wish_box" USING btree ("region_code" text_pattern_ops);