-- The outbox (@eventora/mail): every message a clinic sends is first a row here, written in the
-- same transaction as the change that causes it (a booking, a cancellation, a reset request,
-- an invitation), so a rolled-back change sends nothing and a committed one is never lost.
-- The worker delivers pending rows over SMTP, bound to the clinic like any tenant work.
--
-- Like every migration it runs unchanged against every target: nothing below names a schema.

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sending', 'sent', 'bounced', 'dead');

-- CreateTable
CREATE TABLE "outbox" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "kind" VARCHAR(64) NOT NULL,
    "to_email" VARCHAR(320) NOT NULL,
    "to_name" VARCHAR(200) NOT NULL,
    "locale" VARCHAR(5) NOT NULL DEFAULT 'en',
    "data" JSONB NOT NULL DEFAULT '{}',
    "secrets" JSONB,
    "dedupe_key" VARCHAR(200),
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_until" TIMESTAMPTZ(3),
    "last_error" VARCHAR(500),
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_clinic_id_dedupe_key_key" ON "outbox"("clinic_id", "dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_clinic_id_status_next_attempt_at_idx" ON "outbox"("clinic_id", "status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_clinic_id_created_at_idx" ON "outbox"("clinic_id", "created_at");

ALTER TABLE "outbox"
    ADD CONSTRAINT "outbox_attempts" CHECK ("attempts" >= 0),
    ADD CONSTRAINT "outbox_locale" CHECK ("locale" IN ('en', 'es')),
    -- A token or link that grants access lives in `secrets` only until the message is done.
    ADD CONSTRAINT "outbox_secrets_scrubbed" CHECK ("status" IN ('pending', 'sending') OR "secrets" IS NULL);

-- Wakes the worker when a message commits (NOTIFY is delivered only on commit, so a rolled-back
-- change wakes nobody). The payload is the clinic id: no message content leaves the table.
CREATE FUNCTION "outbox_notify"() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('eventora_outbox', NEW.clinic_id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER "outbox_notify" AFTER INSERT ON "outbox"
    FOR EACH ROW EXECUTE FUNCTION "outbox_notify"();

-- ---------------------------------------------------------------------------------------------
-- Row level security: the same two policies as every tenant table
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
    tenant_table TEXT;
    bound_clinic CONSTANT TEXT := '(clinic_id = (SELECT nullif(current_setting(''app.current_tenant'', true), '''')::uuid))';
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY[
        'outbox'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        -- The wall: ANDed with every other policy, present or future.
        EXECUTE format('CREATE POLICY tenant_isolation ON %I AS RESTRICTIVE FOR ALL USING %s WITH CHECK %s',
            tenant_table, bound_clinic, bound_clinic);
        -- Restrictive policies alone grant nothing; this one opens the bound clinic's rows.
        EXECUTE format('CREATE POLICY tenant_access ON %I AS PERMISSIVE FOR ALL USING %s WITH CHECK %s',
            tenant_table, bound_clinic, bound_clinic);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Grants: the apps write messages; the worker (same runtime role, bound to the clinic) claims
-- and marks them. Nobody deletes from the app: delivered rows are history.
-- ---------------------------------------------------------------------------------------------

GRANT SELECT, INSERT ON "outbox" TO eventora_app;
GRANT UPDATE ("status", "attempts", "next_attempt_at", "claimed_until", "last_error", "sent_at", "secrets")
    ON "outbox" TO eventora_app;
