CREATE TABLE "log_cosignatures" (
	"checkpoint_size" bigint NOT NULL,
	"witness" text NOT NULL,
	"signature_line" text NOT NULL,
	"cosigned_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "log_cosignatures_checkpoint_size_witness_pk" PRIMARY KEY("checkpoint_size","witness")
);
--> statement-breakpoint
CREATE TABLE "log_witness_status" (
	"witness" text PRIMARY KEY NOT NULL,
	"cosigned_size" bigint,
	"cosigned_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "log_cosignatures" ADD CONSTRAINT "log_cosignatures_checkpoint_size_log_checkpoints_size_fk" FOREIGN KEY ("checkpoint_size") REFERENCES "public"."log_checkpoints"("size") ON DELETE no action ON UPDATE no action;
