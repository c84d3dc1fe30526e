CREATE TABLE "compound_access" (
	"id" uuid PRIMARY KEY NOT NULL,
	"compound_name" text NOT NULL,
	"name_key" text NOT NULL,
	"region_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"address" text,
	"entry" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'reported' NOT NULL,
	"reported_by" uuid NOT NULL,
	"idempotency_key" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "compound_access_note_length_check" CHECK (char_length("compound_access"."note") <= 200)
);
--> statement-breakpoint
CREATE TABLE "parking_zone" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"address" text,
	"near" text,
	"capacity" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"appeal_id" uuid,
	"appeal_case_no" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parking_zone_capacity_check" CHECK ("parking_zone"."capacity" >= 0)
);
--> statement-breakpoint
ALTER TABLE "compound_access" ADD CONSTRAINT "compound_access_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compound_access" ADD CONSTRAINT "compound_access_reported_by_app_user_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compound_access" ADD CONSTRAINT "compound_access_reviewed_by_app_user_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parking_zone" ADD CONSTRAINT "parking_zone_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parking_zone" ADD CONSTRAINT "parking_zone_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parking_zone" ADD CONSTRAINT "parking_zone_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "compound_access_idempotency_idx" ON "compound_access" USING btree ("reported_by","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "compound_access_geo_idx" ON "compound_access" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
CREATE INDEX "compound_access_region_idx" ON "compound_access" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "compound_access_status_created_idx" ON "compound_access" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "compound_access_reporter_idx" ON "compound_access" USING btree ("reported_by","created_at");--> statement-breakpoint
CREATE INDEX "compound_access_name_key_idx" ON "compound_access" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "parking_zone_geo_idx" ON "parking_zone" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
CREATE INDEX "parking_zone_lat_lng_idx" ON "parking_zone" USING btree ("lat","lng");--> statement-breakpoint
CREATE INDEX "parking_zone_region_idx" ON "parking_zone" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "parking_zone_appeal_idx" ON "parking_zone" USING btree ("appeal_id");