CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"certificate_id" uuid NOT NULL,
	"candidate_code" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"absent_recorded_at" timestamp with time zone,
	"absent_recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"test_score" numeric NOT NULL,
	"interview_score" numeric NOT NULL,
	"final_score" numeric NOT NULL,
	"appointed_by" uuid NOT NULL,
	"appointed_at" timestamp with time zone NOT NULL,
	"log_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competition_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"test_weight" integer NOT NULL,
	"interview_weight" integer NOT NULL,
	"rubric" jsonb NOT NULL,
	"application_limit" integer DEFAULT 3 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"announced_by" uuid,
	"announced_at" timestamp with time zone,
	"log_index" bigint,
	"leaf_hash" text
);
--> statement-breakpoint
CREATE TABLE "interview_panel_members" (
	"vacancy_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"panel_role" text NOT NULL,
	"appointed_by" uuid NOT NULL,
	"appointed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"total" numeric NOT NULL,
	"salt" text NOT NULL,
	"commitment" text NOT NULL,
	"log_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"location" text NOT NULL,
	"scheduled_by" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"position" jsonb NOT NULL,
	"category_code" text NOT NULL,
	"places" integer NOT NULL,
	"location" text NOT NULL,
	"requirements" jsonb NOT NULL,
	"interview_programme" jsonb NOT NULL,
	"application_deadline" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"announced_at" timestamp with time zone,
	"log_index" bigint,
	"leaf_hash" text,
	"closed_at" timestamp with time zone,
	"ranking_published_at" timestamp with time zone,
	"ranking_published_by" uuid,
	"ranking_log_index" bigint,
	"ranking_leaf_hash" text
);
--> statement-breakpoint
CREATE TABLE "vacancy_rankings" (
	"vacancy_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"test_score" numeric NOT NULL,
	"interview_score" numeric NOT NULL,
	"final_score" numeric NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_round_id_competition_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."competition_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_absent_recorded_by_users_id_fk" FOREIGN KEY ("absent_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_appointed_by_users_id_fk" FOREIGN KEY ("appointed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_rounds" ADD CONSTRAINT "competition_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_rounds" ADD CONSTRAINT "competition_rounds_announced_by_users_id_fk" FOREIGN KEY ("announced_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_panel_members" ADD CONSTRAINT "interview_panel_members_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_panel_members" ADD CONSTRAINT "interview_panel_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_panel_members" ADD CONSTRAINT "interview_panel_members_appointed_by_users_id_fk" FOREIGN KEY ("appointed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_scores" ADD CONSTRAINT "interview_scores_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_scores" ADD CONSTRAINT "interview_scores_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_scores" ADD CONSTRAINT "interview_scores_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_slots" ADD CONSTRAINT "interview_slots_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_slots" ADD CONSTRAINT "interview_slots_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_slots" ADD CONSTRAINT "interview_slots_scheduled_by_users_id_fk" FOREIGN KEY ("scheduled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_round_id_competition_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."competition_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_ranking_published_by_users_id_fk" FOREIGN KEY ("ranking_published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_rankings" ADD CONSTRAINT "vacancy_rankings_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_rankings" ADD CONSTRAINT "vacancy_rankings_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_code_key" ON "agencies" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_per_vacancy_key" ON "applications" USING btree ("vacancy_id","user_id");--> statement-breakpoint
CREATE INDEX "applications_round_user_idx" ON "applications" USING btree ("round_id","user_id");--> statement-breakpoint
CREATE INDEX "applications_user_idx" ON "applications" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_application_key" ON "appointments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "appointments_vacancy_idx" ON "appointments" USING btree ("vacancy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "competition_rounds_code_key" ON "competition_rounds" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_panel_members_key" ON "interview_panel_members" USING btree ("vacancy_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_scores_one_per_member_key" ON "interview_scores" USING btree ("application_id","member_id");--> statement-breakpoint
CREATE INDEX "interview_scores_vacancy_idx" ON "interview_scores" USING btree ("vacancy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interview_slots_application_key" ON "interview_slots" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "interview_slots_vacancy_idx" ON "interview_slots" USING btree ("vacancy_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vacancies_code_key" ON "vacancies" USING btree ("code");--> statement-breakpoint
CREATE INDEX "vacancies_round_idx" ON "vacancies" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "vacancies_agency_idx" ON "vacancies" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vacancy_rankings_key" ON "vacancy_rankings" USING btree ("vacancy_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vacancy_rankings_rank_key" ON "vacancy_rankings" USING btree ("vacancy_id","rank");