CREATE TABLE "beneficiary" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_masked" text NOT NULL,
	"address" text NOT NULL,
	"street" text,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"community_org_id" uuid NOT NULL,
	"category" text NOT NULL,
	"needs" text,
	"diet_notes" text,
	"free_meals" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_volunteer" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"opted_in" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meal_delivery" (
	"id" uuid PRIMARY KEY NOT NULL,
	"beneficiary_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"date" date NOT NULL,
	"window_start" text NOT NULL,
	"window_end" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"dishes" text NOT NULL,
	"diet_notes" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"receipt_code" text NOT NULL,
	"rider_user_id" uuid,
	"handled_by" uuid,
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"claimed_at" timestamp with time zone,
	"picked_up_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancel_reason" text,
	"escalated_at" timestamp with time zone,
	"filed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meal_delivery_window_check" CHECK ("meal_delivery"."window_start" < "meal_delivery"."window_end"),
	CONSTRAINT "meal_delivery_code_check" CHECK ("meal_delivery"."receipt_code" ~ '^[0-9]{4}$'),
	CONSTRAINT "meal_delivery_attempts_check" CHECK ("meal_delivery"."code_attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "beneficiary" ADD CONSTRAINT "beneficiary_community_org_id_organisation_id_fk" FOREIGN KEY ("community_org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiary" ADD CONSTRAINT "beneficiary_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiary" ADD CONSTRAINT "beneficiary_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_volunteer" ADD CONSTRAINT "delivery_volunteer_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_delivery" ADD CONSTRAINT "meal_delivery_beneficiary_id_beneficiary_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiary"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_delivery" ADD CONSTRAINT "meal_delivery_station_id_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_delivery" ADD CONSTRAINT "meal_delivery_rider_user_id_app_user_id_fk" FOREIGN KEY ("rider_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_delivery" ADD CONSTRAINT "meal_delivery_handled_by_app_user_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_delivery" ADD CONSTRAINT "meal_delivery_confirmed_by_app_user_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_delivery" ADD CONSTRAINT "meal_delivery_cancelled_by_app_user_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_delivery" ADD CONSTRAINT "meal_delivery_filed_by_app_user_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "beneficiary_community_idx" ON "beneficiary" USING btree ("community_org_id","status");--> statement-breakpoint
CREATE INDEX "meal_delivery_open_idx" ON "meal_delivery" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "meal_delivery_beneficiary_idx" ON "meal_delivery" USING btree ("beneficiary_id","date");--> statement-breakpoint
CREATE INDEX "meal_delivery_rider_idx" ON "meal_delivery" USING btree ("rider_user_id","status");--> statement-breakpoint
CREATE INDEX "meal_delivery_station_idx" ON "meal_delivery" USING btree ("station_id","date");