-- 暖心之家: no double booking, ever (docs/hub.md). A live booking (booked or checked in) holds its
-- bed, and its truck bay when it has one, for the nights [check-in date, check-out date); two live
-- bookings of the same bed or bay whose nights overlap are refused by the database itself
-- (SQLSTATE 23P01), whatever the service does. btree_gist (migration 0000) lets `=` on uuid join
-- `&&` on daterange in one GiST index.
ALTER TABLE "hub_booking" ADD CONSTRAINT "hub_booking_bed_no_overlap"
  EXCLUDE USING gist ("bed_id" WITH =, "nights" WITH &&)
  WHERE ("status" IN ('booked', 'checked_in'));--> statement-breakpoint
ALTER TABLE "hub_booking" ADD CONSTRAINT "hub_booking_bay_no_overlap"
  EXCLUDE USING gist ("bay_id" WITH =, "nights" WITH &&)
  WHERE ("status" IN ('booked', 'checked_in') AND "bay_id" IS NOT NULL);
