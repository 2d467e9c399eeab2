CREATE TABLE "essay_marking_plans" (
	"sitting_id" uuid PRIMARY KEY NOT NULL,
	"threshold" integer NOT NULL,
	"rule" text NOT NULL,
	"chief_id" uuid NOT NULL,
	"marker_ids" jsonb NOT NULL,
	"log_index" bigint NOT NULL,
	"revealed_at" timestamp with time zone,
	"revealed_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "essay_scripts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"sitting_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"text" text NOT NULL,
	"max_points" integer NOT NULL,
	"status" text DEFAULT 'marking' NOT NULL,
	"final_points" numeric,
	"final_how" text,
	"finalised_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "essay_assignments" (
	"script_id" uuid NOT NULL,
	"marker_id" uuid NOT NULL,
	"role" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "essay_assignments_script_id_role_pk" PRIMARY KEY("script_id","role")
);
--> statement-breakpoint
CREATE TABLE "essay_markings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"script_id" uuid NOT NULL,
	"marker_id" uuid NOT NULL,
	"role" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"total" integer NOT NULL,
	"salt" text NOT NULL,
	"commitment" text NOT NULL,
	"log_index" bigint NOT NULL,
	"entered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "essay_marking_plans" ADD CONSTRAINT "essay_marking_plans_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_marking_plans" ADD CONSTRAINT "essay_marking_plans_chief_id_users_id_fk" FOREIGN KEY ("chief_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_marking_plans" ADD CONSTRAINT "essay_marking_plans_revealed_by_users_id_fk" FOREIGN KEY ("revealed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_marking_plans" ADD CONSTRAINT "essay_marking_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_scripts" ADD CONSTRAINT "essay_scripts_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_scripts" ADD CONSTRAINT "essay_scripts_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_scripts" ADD CONSTRAINT "essay_scripts_version_id_question_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."question_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_assignments" ADD CONSTRAINT "essay_assignments_script_id_essay_scripts_id_fk" FOREIGN KEY ("script_id") REFERENCES "public"."essay_scripts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_assignments" ADD CONSTRAINT "essay_assignments_marker_id_users_id_fk" FOREIGN KEY ("marker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_markings" ADD CONSTRAINT "essay_markings_script_id_essay_scripts_id_fk" FOREIGN KEY ("script_id") REFERENCES "public"."essay_scripts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_markings" ADD CONSTRAINT "essay_markings_marker_id_users_id_fk" FOREIGN KEY ("marker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "essay_scripts_code_key" ON "essay_scripts" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "essay_scripts_attempt_item_key" ON "essay_scripts" USING btree ("attempt_id","version_id");--> statement-breakpoint
CREATE INDEX "essay_scripts_sitting_idx" ON "essay_scripts" USING btree ("sitting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "essay_assignments_marker_key" ON "essay_assignments" USING btree ("script_id","marker_id");--> statement-breakpoint
CREATE INDEX "essay_assignments_marker_idx" ON "essay_assignments" USING btree ("marker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "essay_markings_one_per_marker_key" ON "essay_markings" USING btree ("script_id","marker_id");--> statement-breakpoint
-- A marking is final when entered, as an interview score is.
CREATE TRIGGER essay_markings_final BEFORE UPDATE OR DELETE ON essay_markings
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER essay_markings_no_truncate BEFORE TRUNCATE ON essay_markings
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
