CREATE TABLE "attendance_marks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"mark" text NOT NULL,
	"reason" text,
	"marked_by" uuid NOT NULL,
	"marked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attendance_marks_turned_away_reason" CHECK ("attendance_marks"."mark" <> 'turned-away' or "attendance_marks"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "room_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"booking_id" uuid,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"reported_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_invigilators" (
	"room_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"assigned_by" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attendance_marks" ADD CONSTRAINT "attendance_marks_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_marks" ADD CONSTRAINT "attendance_marks_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_incidents" ADD CONSTRAINT "room_incidents_room_id_sitting_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sitting_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_incidents" ADD CONSTRAINT "room_incidents_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_incidents" ADD CONSTRAINT "room_incidents_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_invigilators" ADD CONSTRAINT "room_invigilators_room_id_sitting_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sitting_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_invigilators" ADD CONSTRAINT "room_invigilators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_invigilators" ADD CONSTRAINT "room_invigilators_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_marks_booking_idx" ON "attendance_marks" USING btree ("booking_id","id");--> statement-breakpoint
CREATE INDEX "room_incidents_room_idx" ON "room_incidents" USING btree ("room_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "room_invigilators_key" ON "room_invigilators" USING btree ("room_id","user_id");--> statement-breakpoint
CREATE INDEX "room_invigilators_user_idx" ON "room_invigilators" USING btree ("user_id");
--> statement-breakpoint
-- A mark at the door is never rewritten: a correction is a later mark, so the history stays whole.
CREATE TRIGGER attendance_marks_append_only
  BEFORE UPDATE OR DELETE ON attendance_marks
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
