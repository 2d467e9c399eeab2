CREATE TABLE "essay_marking_appeal_decisions" (
	"appeal_id" uuid PRIMARY KEY NOT NULL,
	"outcome" text NOT NULL,
	"criteria" jsonb,
	"reason" text NOT NULL,
	"previous_points" numeric NOT NULL,
	"final_points" numeric NOT NULL,
	"salt" text,
	"commitment" text,
	"log_index" bigint NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "essay_marking_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"script_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "essay_marking_appeal_decisions" ADD CONSTRAINT "essay_marking_appeal_decisions_appeal_id_essay_marking_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."essay_marking_appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_marking_appeal_decisions" ADD CONSTRAINT "essay_marking_appeal_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_marking_appeals" ADD CONSTRAINT "essay_marking_appeals_script_id_essay_scripts_id_fk" FOREIGN KEY ("script_id") REFERENCES "public"."essay_scripts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "essay_marking_appeals" ADD CONSTRAINT "essay_marking_appeals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "essay_marking_appeals_script_key" ON "essay_marking_appeals" USING btree ("script_id");--> statement-breakpoint
CREATE INDEX "essay_marking_appeals_user_idx" ON "essay_marking_appeals" USING btree ("user_id");--> statement-breakpoint
-- An appeal as filed, and its decision, are final when written, as a marking is.
CREATE TRIGGER essay_marking_appeals_final BEFORE UPDATE OR DELETE ON essay_marking_appeals
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER essay_marking_appeals_no_truncate BEFORE TRUNCATE ON essay_marking_appeals
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER essay_marking_appeal_decisions_final BEFORE UPDATE OR DELETE ON essay_marking_appeal_decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER essay_marking_appeal_decisions_no_truncate BEFORE TRUNCATE ON essay_marking_appeal_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
