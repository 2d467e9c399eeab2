CREATE TABLE "register_appointments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "register_appointments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"appointment_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"vacancy_code" text NOT NULL,
	"round_code" text NOT NULL,
	"full_name" text NOT NULL,
	"search" "tsvector" NOT NULL,
	"position" jsonb NOT NULL,
	"agency_code" text NOT NULL,
	"agency_name" jsonb NOT NULL,
	"category_code" text NOT NULL,
	"appointed_at" timestamp with time zone NOT NULL,
	"test_score" double precision NOT NULL,
	"interview_score" double precision NOT NULL,
	"final_score" double precision NOT NULL,
	"rank" integer NOT NULL,
	"log_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_results" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "register_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"candidate_code" text NOT NULL,
	"sitting_code" text NOT NULL,
	"category_code" text NOT NULL,
	"sitting_date" timestamp with time zone NOT NULL,
	"points" double precision NOT NULL,
	"max_points" double precision NOT NULL,
	"passed" boolean NOT NULL,
	"revision" integer NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"log_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_sittings" (
	"sitting_code" text PRIMARY KEY NOT NULL,
	"category_code" text NOT NULL,
	"sitting_date" timestamp with time zone NOT NULL,
	"revision" integer NOT NULL,
	"registered" integer NOT NULL,
	"sat" integer NOT NULL,
	"passed" integer NOT NULL,
	"distribution" jsonb NOT NULL,
	"log_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_vacancies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "register_vacancies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vacancy_id" uuid NOT NULL,
	"vacancy_code" text NOT NULL,
	"round_id" uuid NOT NULL,
	"round_code" text NOT NULL,
	"round_title" jsonb NOT NULL,
	"search" "tsvector" NOT NULL,
	"agency_code" text NOT NULL,
	"agency_name" jsonb NOT NULL,
	"position" jsonb NOT NULL,
	"category_code" text NOT NULL,
	"places" integer NOT NULL,
	"location" text NOT NULL,
	"requirements" jsonb NOT NULL,
	"interview_programme" jsonb NOT NULL,
	"announced_at" timestamp with time zone NOT NULL,
	"application_deadline" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"timeline" jsonb NOT NULL,
	"reserve" jsonb,
	"log_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "register_appointments_appointment_key" ON "register_appointments" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "register_appointments_date_idx" ON "register_appointments" USING btree ("appointed_at","id");--> statement-breakpoint
CREATE INDEX "register_appointments_agency_idx" ON "register_appointments" USING btree ("agency_code","appointed_at","id");--> statement-breakpoint
CREATE INDEX "register_appointments_category_idx" ON "register_appointments" USING btree ("category_code","appointed_at","id");--> statement-breakpoint
CREATE INDEX "register_appointments_name_idx" ON "register_appointments" USING btree ("full_name","id");--> statement-breakpoint
CREATE INDEX "register_appointments_score_idx" ON "register_appointments" USING btree ("final_score","id");--> statement-breakpoint
CREATE INDEX "register_appointments_search_idx" ON "register_appointments" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "register_results_candidate_key" ON "register_results" USING btree ("candidate_code");--> statement-breakpoint
CREATE INDEX "register_results_code_prefix_idx" ON "register_results" USING btree ("candidate_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "register_results_date_idx" ON "register_results" USING btree ("sitting_date","id");--> statement-breakpoint
CREATE INDEX "register_results_category_idx" ON "register_results" USING btree ("category_code","sitting_date","id");--> statement-breakpoint
CREATE INDEX "register_results_sitting_idx" ON "register_results" USING btree ("sitting_code","points","id");--> statement-breakpoint
CREATE INDEX "register_results_points_idx" ON "register_results" USING btree ("points","id");--> statement-breakpoint
CREATE INDEX "register_sittings_date_idx" ON "register_sittings" USING btree ("sitting_date");--> statement-breakpoint
CREATE UNIQUE INDEX "register_vacancies_vacancy_key" ON "register_vacancies" USING btree ("vacancy_id");--> statement-breakpoint
CREATE INDEX "register_vacancies_date_idx" ON "register_vacancies" USING btree ("announced_at","id");--> statement-breakpoint
CREATE INDEX "register_vacancies_agency_idx" ON "register_vacancies" USING btree ("agency_code","announced_at","id");--> statement-breakpoint
CREATE INDEX "register_vacancies_category_idx" ON "register_vacancies" USING btree ("category_code","announced_at","id");--> statement-breakpoint
CREATE INDEX "register_vacancies_deadline_idx" ON "register_vacancies" USING btree ("application_deadline","id");--> statement-breakpoint
CREATE INDEX "register_vacancies_search_idx" ON "register_vacancies" USING gin ("search");