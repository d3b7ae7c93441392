CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"flow_id" text,
	"run_id" text,
	"source_id" text,
	"source_version" text,
	"target_id" text,
	"content_hash" text,
	"outcome" text NOT NULL,
	"error_category" text,
	"message" text,
	"request_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" text PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"name" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"secrets_sealed" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cursors" (
	"flow_id" text PRIMARY KEY NOT NULL,
	"value" jsonb,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flow_states" (
	"flow_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_status_check" CHECK ("jobs"."status" in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "parked_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"flow_id" text NOT NULL,
	"source_id" text NOT NULL,
	"source_version" text NOT NULL,
	"category" text NOT NULL,
	"reason" text NOT NULL,
	"payload" jsonb,
	"attempts" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'parked' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parked_records_status_check" CHECK ("parked_records"."status" in ('parked', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "record_links" (
	"flow_id" text NOT NULL,
	"source_connection" text NOT NULL,
	"source_entity" text NOT NULL,
	"source_id" text NOT NULL,
	"target_connection" text NOT NULL,
	"target_entity" text NOT NULL,
	"target_id" text,
	"target_key" text NOT NULL,
	"content_hash" text NOT NULL,
	"source_version" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_links_pk" PRIMARY KEY("flow_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"flow_id" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	CONSTRAINT "runs_status_check" CHECK ("runs"."status" in ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "audit_events_flow_idx" ON "audit_events" USING btree ("flow_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_run_idx" ON "audit_events" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_source_idx" ON "audit_events" USING btree ("source_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("target_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("status","kind","run_after");--> statement-breakpoint
CREATE UNIQUE INDEX "parked_records_open_idx" ON "parked_records" USING btree ("flow_id","source_id") WHERE status = 'parked';--> statement-breakpoint
CREATE INDEX "parked_records_list_idx" ON "parked_records" USING btree ("status","flow_id","category");--> statement-breakpoint
CREATE INDEX "record_links_source_idx" ON "record_links" USING btree ("source_connection","source_entity","source_id");--> statement-breakpoint
CREATE INDEX "record_links_target_idx" ON "record_links" USING btree ("target_connection","target_entity","target_id");--> statement-breakpoint
CREATE INDEX "runs_flow_idx" ON "runs" USING btree ("flow_id","started_at");