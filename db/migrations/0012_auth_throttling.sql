CREATE TABLE "auth_notices" (
	"session_id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"failed_passwords" integer NOT NULL,
	"failed_codes" integer NOT NULL,
	"locked_out" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_throttles" (
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" uuid,
	"failures" integer NOT NULL,
	"last_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"unreported" integer DEFAULT 0 NOT NULL,
	"lockout_unreported" boolean DEFAULT false NOT NULL,
	CONSTRAINT "auth_throttles_kind_subject_pk" PRIMARY KEY("kind","subject"),
	CONSTRAINT "auth_throttles_counts_check" CHECK ("auth_throttles"."failures" >= 0 and "auth_throttles"."unreported" >= 0)
);
--> statement-breakpoint
ALTER TABLE "auth_notices" ADD CONSTRAINT "auth_notices_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_notices" ADD CONSTRAINT "auth_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_throttles" ADD CONSTRAINT "auth_throttles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_throttles_user_idx" ON "auth_throttles" USING btree ("user_id") WHERE "auth_throttles"."user_id" is not null;