CREATE TABLE "item_statistics" (
	"sitting_id" uuid PRIMARY KEY NOT NULL,
	"revision" integer NOT NULL,
	"attempts" integer NOT NULL,
	"analysis" jsonb NOT NULL,
	"log_index" bigint,
	"leaf_hash" text,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "item_statistics" ADD CONSTRAINT "item_statistics_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE no action ON UPDATE no action;