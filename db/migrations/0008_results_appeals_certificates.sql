CREATE TABLE "item_rulings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" jsonb,
	"annul_mode" text,
	"decision_id" uuid NOT NULL,
	"log_index" bigint,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "published_results" (
	"attempt_id" uuid NOT NULL,
	"publication_id" uuid NOT NULL,
	"points" numeric NOT NULL,
	"passed" boolean NOT NULL,
	"log_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rescoring_changes" (
	"job_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"points_before" numeric NOT NULL,
	"points_after" numeric NOT NULL,
	"passed_before" boolean NOT NULL,
	"passed_after" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rescoring_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ruling_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"cursor" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "result_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sitting_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"statistics" jsonb NOT NULL,
	"log_index" bigint NOT NULL,
	"leaf_hash" text NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"key" jsonb,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"attempt_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"category_code" text NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"log_index" bigint,
	"leaf_hash" text
);
--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "appeal_days" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "results_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "appeal_closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "item_rulings" ADD CONSTRAINT "item_rulings_version_id_question_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."question_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_rulings" ADD CONSTRAINT "item_rulings_decision_id_appeal_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."appeal_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_results" ADD CONSTRAINT "published_results_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_results" ADD CONSTRAINT "published_results_publication_id_result_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."result_publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescoring_changes" ADD CONSTRAINT "rescoring_changes_job_id_rescoring_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."rescoring_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescoring_changes" ADD CONSTRAINT "rescoring_changes_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescoring_jobs" ADD CONSTRAINT "rescoring_jobs_ruling_id_item_rulings_id_fk" FOREIGN KEY ("ruling_id") REFERENCES "public"."item_rulings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_publications" ADD CONSTRAINT "result_publications_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_publications" ADD CONSTRAINT "result_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_decisions" ADD CONSTRAINT "appeal_decisions_version_id_question_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."question_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_decisions" ADD CONSTRAINT "appeal_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_decisions" ADD CONSTRAINT "appeal_decisions_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_version_id_question_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."question_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_decision_id_appeal_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."appeal_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_rulings_version_idx" ON "item_rulings" USING btree ("version_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "published_results_key" ON "published_results" USING btree ("publication_id","attempt_id");--> statement-breakpoint
CREATE INDEX "published_results_attempt_idx" ON "published_results" USING btree ("attempt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rescoring_changes_key" ON "rescoring_changes" USING btree ("job_id","attempt_id");--> statement-breakpoint
CREATE INDEX "rescoring_jobs_status_idx" ON "rescoring_jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "result_publications_revision_key" ON "result_publications" USING btree ("sitting_id","revision");--> statement-breakpoint
CREATE INDEX "appeal_decisions_version_idx" ON "appeal_decisions" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_one_per_item_key" ON "appeals" USING btree ("attempt_id","version_id");--> statement-breakpoint
CREATE INDEX "appeals_version_idx" ON "appeals" USING btree ("version_id","status");--> statement-breakpoint
CREATE INDEX "appeals_user_idx" ON "appeals" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_code_key" ON "certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_attempt_key" ON "certificates" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "certificates_user_idx" ON "certificates" USING btree ("user_id");