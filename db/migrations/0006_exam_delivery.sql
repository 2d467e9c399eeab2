CREATE TABLE "categories" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"name" jsonb NOT NULL,
	"rank" integer NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sitting_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sitting_id" uuid NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "sitting_rooms_capacity" CHECK ("sitting_rooms"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "sittings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"category_code" text NOT NULL,
	"blueprint_id" uuid NOT NULL,
	"blueprint" jsonb,
	"blueprint_revision" integer,
	"mode" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"entry_closes_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"booking_closes_at" timestamp with time zone NOT NULL,
	"arrival_minutes" integer DEFAULT 30 NOT NULL,
	"papers_drawn_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sittings_times_ordered" CHECK ("sittings"."booking_closes_at" <= "sittings"."starts_at" and "sittings"."starts_at" < "sittings"."entry_closes_at" and "sittings"."entry_closes_at" <= "sittings"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sitting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"seat" integer NOT NULL,
	"candidate_code" text NOT NULL,
	"ticket_token" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"extra_time_percent" integer DEFAULT 0 NOT NULL,
	"accommodation_reason" text,
	"accommodation_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "bookings_extra_time" CHECK ("bookings"."extra_time_percent" between 0 and 200)
);
--> statement-breakpoint
CREATE TABLE "attempt_answers" (
	"attempt_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"answer" jsonb,
	"flagged" boolean DEFAULT false NOT NULL,
	"seq" integer NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attempt_answers_attempt_id_version_id_pk" PRIMARY KEY("attempt_id","version_id")
);
--> statement-breakpoint
CREATE TABLE "attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"seed" text NOT NULL,
	"paper" jsonb NOT NULL,
	"version_ids" uuid[] NOT NULL,
	"status" text DEFAULT 'ready' NOT NULL,
	"started_at" timestamp with time zone,
	"deadline" timestamp with time zone,
	"extra_minutes" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"finalised_by" text,
	"result" jsonb,
	"points" numeric,
	"passed" boolean,
	"annulled_at" timestamp with time zone,
	"annulled_by" uuid,
	"annul_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attempts_started_has_deadline" CHECK ("attempts"."status" = 'ready' or "attempts"."deadline" is not null or "attempts"."status" = 'annulled')
);
--> statement-breakpoint
ALTER TABLE "sitting_rooms" ADD CONSTRAINT "sitting_rooms_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sittings" ADD CONSTRAINT "sittings_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sittings" ADD CONSTRAINT "sittings_blueprint_id_blueprints_id_fk" FOREIGN KEY ("blueprint_id") REFERENCES "public"."blueprints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sittings" ADD CONSTRAINT "sittings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_room_id_sitting_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."sitting_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_accommodation_by_users_id_fk" FOREIGN KEY ("accommodation_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_answers" ADD CONSTRAINT "attempt_answers_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_answers" ADD CONSTRAINT "attempt_answers_version_id_question_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."question_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_annulled_by_users_id_fk" FOREIGN KEY ("annulled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sitting_rooms_sitting_idx" ON "sitting_rooms" USING btree ("sitting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sittings_code_key" ON "sittings" USING btree ("code");--> statement-breakpoint
CREATE INDEX "sittings_status_idx" ON "sittings" USING btree ("status","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_candidate_code_key" ON "bookings" USING btree ("candidate_code");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_ticket_token_key" ON "bookings" USING btree ("ticket_token");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_per_sitting_key" ON "bookings" USING btree ("sitting_id","user_id") WHERE "bookings"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_seat_key" ON "bookings" USING btree ("room_id","seat") WHERE "bookings"."status" = 'active';--> statement-breakpoint
CREATE INDEX "bookings_user_idx" ON "bookings" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attempts_booking_key" ON "attempts" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attempts_sitting_user_key" ON "attempts" USING btree ("sitting_id","user_id");--> statement-breakpoint
CREATE INDEX "attempts_due_idx" ON "attempts" USING btree ("deadline") WHERE "attempts"."status" = 'started';--> statement-breakpoint
CREATE INDEX "attempts_user_idx" ON "attempts" USING btree ("user_id");