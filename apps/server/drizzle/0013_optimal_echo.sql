CREATE TABLE "stored_file" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"thumb" "bytea" NOT NULL,
	"thumb_byte_size" integer NOT NULL,
	"upload_key" text,
	"attached_to_type" text,
	"attached_to_id" uuid,
	"attached_at" timestamp with time zone,
	"position" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_file_attachment_check" CHECK ((attached_to_type is null) = (attached_to_id is null))
);
--> statement-breakpoint
DROP INDEX "appeal_assignment_unit_idx";--> statement-breakpoint
ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_owner_user_id_app_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_file_owner_created_idx" ON "stored_file" USING btree ("owner_user_id","created_at");--> statement-breakpoint
CREATE INDEX "stored_file_attached_idx" ON "stored_file" USING btree ("attached_to_type","attached_to_id","position") WHERE attached_to_id is not null;--> statement-breakpoint
CREATE INDEX "stored_file_unattached_idx" ON "stored_file" USING btree ("created_at") WHERE attached_to_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "stored_file_upload_key_idx" ON "stored_file" USING btree ("owner_user_id","upload_key") WHERE upload_key is not null;--> statement-breakpoint
CREATE INDEX "appeal_assignment_open_unit_idx" ON "appeal_assignment" USING btree ("unit_id","appeal_id") WHERE ended_at is null;
