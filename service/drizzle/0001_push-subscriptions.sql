CREATE TABLE "push_receipts" (
	"connection_id" text NOT NULL,
	"entity" text NOT NULL,
	"record_id" text NOT NULL,
	"version" text NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_receipts_pk" PRIMARY KEY("connection_id","entity","record_id","version")
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"connection_id" text NOT NULL,
	"key" text NOT NULL,
	"entity" text NOT NULL,
	"external_id" text,
	"expires_at" timestamp (3) with time zone,
	"last_renewed_at" timestamp (3) with time zone,
	"last_error" text,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_subscriptions_pk" PRIMARY KEY("connection_id","key")
);
--> statement-breakpoint
CREATE INDEX "push_receipts_received_idx" ON "push_receipts" USING btree ("received_at");