DROP INDEX "station_geo_idx";--> statement-breakpoint
ALTER TABLE "station" ADD COLUMN "geo" "earth" GENERATED ALWAYS AS (ll_to_earth(lat, lng)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "station_geo_idx" ON "station" USING gist ("geo");