CREATE TABLE "resident_session" (
	"id" text PRIMARY KEY NOT NULL,
	"phone_index" text NOT NULL,
	"phone_masked" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "meal_delivery" ALTER COLUMN "filed_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "beneficiary" ADD COLUMN "phone_index" text;--> statement-breakpoint
ALTER TABLE "meal_delivery" ADD COLUMN "confirmed_by_resident" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meal_delivery" ADD COLUMN "filed_by_resident" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "resident_session_phone_idx" ON "resident_session" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "beneficiary_phone_idx" ON "beneficiary" USING btree ("phone_index");--> statement-breakpoint
ALTER TABLE "meal_delivery" ADD CONSTRAINT "meal_delivery_filer_check" CHECK ("meal_delivery"."filed_by" is not null or "meal_delivery"."filed_by_resident");