CREATE TABLE "sitting_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sitting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"previous" jsonb NOT NULL,
	"next" jsonb,
	"booking_ids" uuid[] NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sitting_changes_next_when_rescheduled" CHECK (("sitting_changes"."kind" = 'rescheduled') = ("sitting_changes"."next" is not null))
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "accommodations" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "accommodation_note" text;--> statement-breakpoint
ALTER TABLE "sitting_changes" ADD CONSTRAINT "sitting_changes_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitting_changes" ADD CONSTRAINT "sitting_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sitting_changes_position_key" ON "sitting_changes" USING btree ("sitting_id","position");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_accommodations_known" CHECK ("bookings"."accommodations" <@ array['separate_room','large_print','reader','scribe','rest_breaks']::text[]);
