CREATE TABLE "childcare_registration" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"parent_user_id" uuid NOT NULL,
	"child_name" text NOT NULL,
	"child_age" integer NOT NULL,
	"contact_phone_enc" text NOT NULL,
	"contact_phone_masked" text NOT NULL,
	"allergies" text,
	"status" text DEFAULT 'registered' NOT NULL,
	"idempotency_key" text,
	"cancelled_at" timestamp with time zone,
	"attended_at" timestamp with time zone,
	"attended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "childcare_session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"date" date NOT NULL,
	"starts" text NOT NULL,
	"ends" text NOT NULL,
	"capacity" integer NOT NULL,
	"age_min" integer NOT NULL,
	"age_max" integer NOT NULL,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "childcare_session_capacity_check" CHECK ("childcare_session"."capacity" > 0),
	CONSTRAINT "childcare_session_age_check" CHECK ("childcare_session"."age_min" >= 0 and "childcare_session"."age_min" <= "childcare_session"."age_max"),
	CONSTRAINT "childcare_session_time_check" CHECK ("childcare_session"."starts" < "childcare_session"."ends")
);
--> statement-breakpoint
CREATE TABLE "proxy_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"requester_user_id" uuid,
	"resident_name" text,
	"resident_phone_enc" text,
	"resident_phone_masked" text,
	"matter" text NOT NULL,
	"description" text NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"handler_user_id" uuid,
	"reject_reason" text,
	"idempotency_key" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proxy_request_requester_check" CHECK (("proxy_request"."requester_user_id" is not null) <> ("proxy_request"."resident_name" is not null))
);
--> statement-breakpoint
CREATE TABLE "proxy_request_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meal_item" (
	"id" uuid PRIMARY KEY NOT NULL,
	"menu_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"price_worker_fen" integer NOT NULL,
	"price_resident_fen" integer NOT NULL,
	"portions" integer,
	"portions_sold" integer DEFAULT 0 NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"removed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "meal_item_prices_check" CHECK ("meal_item"."price_worker_fen" >= 0 and "meal_item"."price_resident_fen" >= 0),
	CONSTRAINT "meal_item_portions_check" CHECK ("meal_item"."portions_sold" >= 0 and ("meal_item"."portions" is null or "meal_item"."portions_sold" <= "meal_item"."portions"))
);
--> statement-breakpoint
CREATE TABLE "meal_menu" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"date" date NOT NULL,
	"period" text NOT NULL,
	"opens" text NOT NULL,
	"closes" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"order_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meal_menu_times_check" CHECK ("meal_menu"."opens" < "meal_menu"."closes")
);
--> statement-breakpoint
CREATE TABLE "meal_order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"menu_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"customer_user_id" uuid,
	"customer_name" text,
	"customer_category" text NOT NULL,
	"mode" text NOT NULL,
	"slot_start" text,
	"pickup_at" text,
	"party_size" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'placed' NOT NULL,
	"total_fen" integer NOT NULL,
	"meals" integer NOT NULL,
	"served_at" timestamp with time zone,
	"served_by" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancel_reason" text,
	"idempotency_key" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meal_order_mode_check" CHECK (("meal_order"."mode" = 'eat_in' and "meal_order"."slot_start" is not null and "meal_order"."pickup_at" is null) or ("meal_order"."mode" = 'take_away' and "meal_order"."pickup_at" is not null and "meal_order"."slot_start" is null)),
	CONSTRAINT "meal_order_party_check" CHECK ("meal_order"."party_size" between 1 and 20),
	CONSTRAINT "meal_order_total_check" CHECK ("meal_order"."total_fen" >= 0 and "meal_order"."meals" > 0)
);
--> statement-breakpoint
CREATE TABLE "meal_order_line" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_fen" integer NOT NULL,
	CONSTRAINT "meal_order_line_quantity_check" CHECK ("meal_order_line"."quantity" > 0 and "meal_order_line"."unit_price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "operating_entry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"month" text NOT NULL,
	"stream" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operating_entry_amount_check" CHECK ("operating_entry"."amount_fen" > 0),
	CONSTRAINT "operating_entry_month_check" CHECK ("operating_entry"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "payment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"payer_user_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"provider" text DEFAULT 'counter' NOT NULL,
	"method" text,
	"paid_at" timestamp with time zone,
	"confirmed_by" uuid,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_amount_check" CHECK ("payment"."amount_fen" >= 0 and "payment"."quantity" >= 0),
	CONSTRAINT "payment_state_check" CHECK (("payment"."status" = 'paid') = ("payment"."paid_at" is not null and "payment"."method" is not null)
        and ("payment"."status" = 'void') = ("payment"."voided_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "childcare_registration" ADD CONSTRAINT "childcare_registration_session_id_childcare_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."childcare_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "childcare_registration" ADD CONSTRAINT "childcare_registration_parent_user_id_app_user_id_fk" FOREIGN KEY ("parent_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "childcare_registration" ADD CONSTRAINT "childcare_registration_attended_by_app_user_id_fk" FOREIGN KEY ("attended_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "childcare_session" ADD CONSTRAINT "childcare_session_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_request" ADD CONSTRAINT "proxy_request_requester_user_id_app_user_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_request" ADD CONSTRAINT "proxy_request_handler_user_id_app_user_id_fk" FOREIGN KEY ("handler_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_request" ADD CONSTRAINT "proxy_request_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_request_event" ADD CONSTRAINT "proxy_request_event_request_id_proxy_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."proxy_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proxy_request_event" ADD CONSTRAINT "proxy_request_event_actor_user_id_app_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_item" ADD CONSTRAINT "meal_item_menu_id_meal_menu_id_fk" FOREIGN KEY ("menu_id") REFERENCES "public"."meal_menu"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_menu" ADD CONSTRAINT "meal_menu_station_id_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_menu" ADD CONSTRAINT "meal_menu_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_menu" ADD CONSTRAINT "meal_menu_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_order" ADD CONSTRAINT "meal_order_station_id_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_order" ADD CONSTRAINT "meal_order_menu_id_meal_menu_id_fk" FOREIGN KEY ("menu_id") REFERENCES "public"."meal_menu"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_order" ADD CONSTRAINT "meal_order_customer_user_id_app_user_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_order" ADD CONSTRAINT "meal_order_served_by_app_user_id_fk" FOREIGN KEY ("served_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_order" ADD CONSTRAINT "meal_order_cancelled_by_app_user_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_order" ADD CONSTRAINT "meal_order_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_order_line" ADD CONSTRAINT "meal_order_line_order_id_meal_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."meal_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meal_order_line" ADD CONSTRAINT "meal_order_line_item_id_meal_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meal_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operating_entry" ADD CONSTRAINT "operating_entry_station_id_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operating_entry" ADD CONSTRAINT "operating_entry_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_station_id_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."station"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_payer_user_id_app_user_id_fk" FOREIGN KEY ("payer_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_confirmed_by_app_user_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_voided_by_app_user_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "childcare_registration_idempotency_idx" ON "childcare_registration" USING btree ("parent_user_id","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "childcare_registration_session_idx" ON "childcare_registration" USING btree ("session_id","status");--> statement-breakpoint
CREATE INDEX "childcare_registration_parent_idx" ON "childcare_registration" USING btree ("parent_user_id","created_at");--> statement-breakpoint
CREATE INDEX "childcare_session_station_date_idx" ON "childcare_session" USING btree ("station_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "proxy_request_idempotency_idx" ON "proxy_request" USING btree ("created_by","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "proxy_request_station_status_idx" ON "proxy_request" USING btree ("station_id","status","created_at");--> statement-breakpoint
CREATE INDEX "proxy_request_requester_idx" ON "proxy_request" USING btree ("requester_user_id","created_at");--> statement-breakpoint
CREATE INDEX "proxy_request_event_request_idx" ON "proxy_request_event" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "meal_item_menu_idx" ON "meal_item" USING btree ("menu_id","sort");--> statement-breakpoint
CREATE UNIQUE INDEX "meal_menu_station_day_period_idx" ON "meal_menu" USING btree ("station_id","date","period");--> statement-breakpoint
CREATE UNIQUE INDEX "meal_order_idempotency_idx" ON "meal_order" USING btree ("created_by","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "meal_order_menu_number_idx" ON "meal_order" USING btree ("menu_id","number");--> statement-breakpoint
CREATE INDEX "meal_order_menu_slot_idx" ON "meal_order" USING btree ("menu_id","slot_start","status");--> statement-breakpoint
CREATE INDEX "meal_order_customer_idx" ON "meal_order" USING btree ("customer_user_id","created_at");--> statement-breakpoint
CREATE INDEX "meal_order_station_created_idx" ON "meal_order" USING btree ("station_id","created_at");--> statement-breakpoint
CREATE INDEX "meal_order_line_order_idx" ON "meal_order_line" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "meal_order_line_item_idx" ON "meal_order_line" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "operating_entry_station_month_idx" ON "operating_entry" USING btree ("station_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_ref_idx" ON "payment" USING btree ("purpose","ref_id");--> statement-breakpoint
CREATE INDEX "payment_station_created_idx" ON "payment" USING btree ("station_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_station_paid_idx" ON "payment" USING btree ("station_id","paid_at");--> statement-breakpoint
CREATE INDEX "payment_payer_idx" ON "payment" USING btree ("payer_user_id","created_at");