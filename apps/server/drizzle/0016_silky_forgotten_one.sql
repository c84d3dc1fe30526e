CREATE TABLE "station" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"host_type" text NOT NULL,
	"operator_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"phone" text,
	"open_to_workers" boolean DEFAULT true NOT NULL,
	"open_to_residents" boolean DEFAULT false NOT NULL,
	"hours" jsonb NOT NULL,
	"open_week" "int4multirange" NOT NULL,
	"holiday_mode" text DEFAULT 'as_usual' NOT NULL,
	"holiday_open" "int4multirange" DEFAULT '{}'::int4multirange NOT NULL,
	"live_status" text DEFAULT 'open' NOT NULL,
	"live_status_at" timestamp with time zone,
	"live_status_by" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"qr_secret" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_capacity" (
	"station_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"total" integer NOT NULL,
	"available" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "station_capacity_station_id_resource_pk" PRIMARY KEY("station_id","resource"),
	CONSTRAINT "station_capacity_range" CHECK ("station_capacity"."available" >= 0 and "station_capacity"."available" <= "station_capacity"."total")
);
--> statement-breakpoint
CREATE TABLE "station_code_seq" (
	"county" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_keeper" (
	"station_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "station_keeper_station_id_user_id_pk" PRIMARY KEY("station_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "station_service" (
	"station_id" uuid NOT NULL,
	"service_code" text NOT NULL,
	"hours" jsonb,
	"note" text,
	CONSTRAINT "station_service_station_id_service_code_pk" PRIMARY KEY("station_id","service_code")
);
--> statement-breakpoint
CREATE TABLE "station_service_type" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"basic" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 500 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_visit" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"worker_user_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lat" double precision,
	"lng" double precision
);
--> statement-breakpoint
ALTER TABLE "station" ADD CONSTRAINT "station_operator_org_id_organisation_id_fk" FOREIGN KEY ("operator_org_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station" ADD CONSTRAINT "station_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_capacity" ADD CONSTRAINT "station_capacity_station_id_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_keeper" ADD CONSTRAINT "station_keeper_station_id_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_keeper" ADD CONSTRAINT "station_keeper_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_service" ADD CONSTRAINT "station_service_station_id_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_service" ADD CONSTRAINT "station_service_service_code_station_service_type_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."station_service_type"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_visit" ADD CONSTRAINT "station_visit_station_id_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_visit" ADD CONSTRAINT "station_visit_worker_user_id_app_user_id_fk" FOREIGN KEY ("worker_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "station_code_idx" ON "station" USING btree ("code");--> statement-breakpoint
CREATE INDEX "station_geo_idx" ON "station" USING gist (ll_to_earth("lat", "lng"));--> statement-breakpoint
CREATE INDEX "station_region_idx" ON "station" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "station_operator_idx" ON "station" USING btree ("operator_org_id");--> statement-breakpoint
CREATE INDEX "station_status_updated_idx" ON "station" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "station_capacity_updated_idx" ON "station_capacity" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "station_keeper_user_idx" ON "station_keeper" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "station_service_code_idx" ON "station_service" USING btree ("service_code","station_id");--> statement-breakpoint
CREATE UNIQUE INDEX "station_visit_once_per_hour_idx" ON "station_visit" USING btree ("station_id","worker_user_id","hour");--> statement-breakpoint
CREATE INDEX "station_visit_worker_idx" ON "station_visit" USING btree ("worker_user_id","at");--> statement-breakpoint
CREATE INDEX "station_visit_station_at_idx" ON "station_visit" USING btree ("station_id","at");