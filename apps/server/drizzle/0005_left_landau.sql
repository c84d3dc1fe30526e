CREATE TABLE "calendar_day" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"source" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "calendar_day_kind_check" CHECK ("calendar_day"."kind" in ('workday', 'holiday', 'adjusted_workday', 'weekend'))
);
