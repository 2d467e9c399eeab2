CREATE TABLE "annulment_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"annulled_at" timestamp with time zone NOT NULL,
	"annulled_by" uuid,
	"annul_reason" text,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeal_decisions" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "appeal_decisions" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appeal_decisions" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "annulment_appeals" ADD CONSTRAINT "annulment_appeals_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulment_appeals" ADD CONSTRAINT "annulment_appeals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulment_appeals" ADD CONSTRAINT "annulment_appeals_annulled_by_users_id_fk" FOREIGN KEY ("annulled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annulment_appeals" ADD CONSTRAINT "annulment_appeals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "annulment_appeals_one_per_annulment_key" ON "annulment_appeals" USING btree ("attempt_id","annulled_at");--> statement-breakpoint
CREATE INDEX "annulment_appeals_status_idx" ON "annulment_appeals" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "annulment_appeals_user_idx" ON "annulment_appeals" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "appeal_decisions" ADD CONSTRAINT "appeal_decisions_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_decisions_one_awaiting_key" ON "appeal_decisions" USING btree ("version_id") WHERE "appeal_decisions"."status" = 'awaiting-confirmation';
