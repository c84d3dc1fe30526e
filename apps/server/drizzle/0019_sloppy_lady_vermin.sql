CREATE TABLE "hub_bed" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'in_service' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_booking" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"guest_user_id" uuid NOT NULL,
	"bed_id" uuid NOT NULL,
	"bay_id" uuid,
	"nights" daterange NOT NULL,
	"own_bedding" boolean NOT NULL,
	"plate" text,
	"amount_fen" integer NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"checked_out_at" timestamp with time zone,
	"checked_out_by" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"idempotency_key" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hub_booking_nights_valid" CHECK (not isempty("hub_booking"."nights") and upper("hub_booking"."nights") - lower("hub_booking"."nights") <= 7),
	CONSTRAINT "hub_booking_amount_non_negative" CHECK ("hub_booking"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "hub_camera" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"area" text,
	"stream_url" text,
	"snapshot_url" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hub_camera_stream_http" CHECK ("hub_camera"."stream_url" is null or "hub_camera"."stream_url" ~* '^https?://'),
	CONSTRAINT "hub_camera_snapshot_http" CHECK ("hub_camera"."snapshot_url" is null or "hub_camera"."snapshot_url" ~* '^https?://')
);
--> statement-breakpoint
CREATE TABLE "hub_room" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"floor" integer DEFAULT 1 NOT NULL,
	"tv_key" text NOT NULL,
	"status" text DEFAULT 'in_service' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_tariff" (
	"station_id" uuid PRIMARY KEY NOT NULL,
	"own_bedding_fen" integer DEFAULT 100 NOT NULL,
	"without_bedding_fen" integer DEFAULT 3000 NOT NULL,
	"bay_fen" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "hub_tariff_non_negative" CHECK ("hub_tariff"."own_bedding_fen" >= 0 and "hub_tariff"."without_bedding_fen" >= 0 and "hub_tariff"."bay_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "hub_truck_bay" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"code" text NOT NULL,
	"length_m" real,
	"camera_id" uuid,
	"status" text DEFAULT 'in_service' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hub_bed" ADD CONSTRAINT "hub_bed_room_id_hub_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."hub_room"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_booking" ADD CONSTRAINT "hub_booking_guest_user_id_app_user_id_fk" FOREIGN KEY ("guest_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_booking" ADD CONSTRAINT "hub_booking_bed_id_hub_bed_id_fk" FOREIGN KEY ("bed_id") REFERENCES "public"."hub_bed"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_booking" ADD CONSTRAINT "hub_booking_bay_id_hub_truck_bay_id_fk" FOREIGN KEY ("bay_id") REFERENCES "public"."hub_truck_bay"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_truck_bay" ADD CONSTRAINT "hub_truck_bay_camera_id_hub_camera_id_fk" FOREIGN KEY ("camera_id") REFERENCES "public"."hub_camera"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hub_bed_code_idx" ON "hub_bed" USING btree ("room_id","code");--> statement-breakpoint
CREATE INDEX "hub_bed_station_idx" ON "hub_bed" USING btree ("station_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hub_booking_idempotency_idx" ON "hub_booking" USING btree ("created_by","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "hub_booking_station_idx" ON "hub_booking" USING btree ("station_id","status");--> statement-breakpoint
CREATE INDEX "hub_booking_guest_idx" ON "hub_booking" USING btree ("guest_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hub_camera_code_idx" ON "hub_camera" USING btree ("station_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "hub_room_code_idx" ON "hub_room" USING btree ("station_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "hub_truck_bay_code_idx" ON "hub_truck_bay" USING btree ("station_id","code");