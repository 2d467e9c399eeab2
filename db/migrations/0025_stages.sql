CREATE TABLE "round_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"blueprint_id" uuid,
	"weight" integer NOT NULL,
	"min_score" numeric,
	"top_kind" text,
	"top_value" integer,
	"ties" text DEFAULT 'include' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_advancements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"advanced_by" uuid NOT NULL,
	"advanced_at" timestamp with time zone NOT NULL,
	"log_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_results" (
	"advancement_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"score" numeric,
	"rank" integer,
	"advanced" boolean NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "round_stages" ADD CONSTRAINT "round_stages_round_id_competition_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."competition_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_stages" ADD CONSTRAINT "round_stages_blueprint_id_blueprints_id_fk" FOREIGN KEY ("blueprint_id") REFERENCES "public"."blueprints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_advancements" ADD CONSTRAINT "stage_advancements_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_advancements" ADD CONSTRAINT "stage_advancements_stage_id_round_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."round_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_advancements" ADD CONSTRAINT "stage_advancements_advanced_by_users_id_fk" FOREIGN KEY ("advanced_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_results" ADD CONSTRAINT "stage_results_advancement_id_stage_advancements_id_fk" FOREIGN KEY ("advancement_id") REFERENCES "public"."stage_advancements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_results" ADD CONSTRAINT "stage_results_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "round_stages_position_key" ON "round_stages" USING btree ("round_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_advancements_key" ON "stage_advancements" USING btree ("vacancy_id","stage_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_results_key" ON "stage_results" USING btree ("advancement_id","application_id");--> statement-breakpoint
CREATE INDEX "stage_results_application_idx" ON "stage_results" USING btree ("application_id");--> statement-breakpoint
-- A round's stages are part of its published terms: none is added, changed or removed once it is announced.
CREATE FUNCTION refuse_announced_stage_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM competition_rounds r
             WHERE r.id IN (OLD.round_id, NEW.round_id) AND r.announced_at IS NOT NULL) THEN
    RAISE EXCEPTION 'the round is announced: its stages cannot change (% is not allowed)', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN COALESCE(NEW, OLD);
END;
$$;
--> statement-breakpoint
CREATE TRIGGER round_stages_fixed_at_announcement BEFORE INSERT OR UPDATE OR DELETE ON round_stages
  FOR EACH ROW EXECUTE FUNCTION refuse_announced_stage_change();
--> statement-breakpoint
-- An advancement and its per-candidate results are published: they stay as published.
CREATE TRIGGER stage_advancements_append_only BEFORE UPDATE OR DELETE ON stage_advancements
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER stage_results_append_only BEFORE UPDATE OR DELETE ON stage_results
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
