-- Contrib extensions used by Nuanxin, on PostgreSQL 15+ and on the embedded engine alike.
-- cube + earthdistance: radius search with a GiST index on ll_to_earth(lat, lng)
-- pg_trgm: fuzzy Chinese name search; btree_gist: no-overlap booking constraints; pgcrypto: digests
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pgcrypto;
