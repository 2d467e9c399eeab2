CREATE TABLE "blueprint_statistics" (
	"blueprint_id" uuid PRIMARY KEY NOT NULL,
	"basis" text NOT NULL,
	"sittings" jsonb NOT NULL,
	"attempts" integer NOT NULL,
	"analysis" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "blueprint_statistics" ADD CONSTRAINT "blueprint_statistics_blueprint_id_blueprints_id_fk" FOREIGN KEY ("blueprint_id") REFERENCES "public"."blueprints"("id") ON DELETE no action ON UPDATE no action;
