-- Sign-in throttling (@eventora/auth): failed attempts per account and per IP address, kept in
-- the database so every app instance counts together and a restart forgets nothing. Counters
-- are updated with one atomic INSERT ... ON CONFLICT DO UPDATE per failure.
--
-- Like every migration it runs unchanged against every target (shared database, clinic
-- schemas, clinic databases): nothing below names a schema.

-- CreateTable
CREATE TABLE "sign_in_attempts" (
    "clinic_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "sign_in_attempts_pkey" PRIMARY KEY ("clinic_id","key")
);

-- CreateTable
CREATE TABLE "platform_sign_in_attempts" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "platform_sign_in_attempts_pkey" PRIMARY KEY ("key")
);

ALTER TABLE "sign_in_attempts"
    ADD CONSTRAINT "sign_in_attempts_attempts" CHECK ("attempts" >= 0);

ALTER TABLE "platform_sign_in_attempts"
    ADD CONSTRAINT "platform_sign_in_attempts_attempts" CHECK ("attempts" >= 0);

-- ---------------------------------------------------------------------------------------------
-- Row level security on the new tenant table: the same two policies as the first migration
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
    tenant_table TEXT;
    bound_clinic CONSTANT TEXT := '(clinic_id = (SELECT nullif(current_setting(''app.current_tenant'', true), '''')::uuid))';
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY[
        'sign_in_attempts'
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
-- Grants
-- ---------------------------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE, DELETE ON "sign_in_attempts" TO eventora_app;

-- The admin console throttles operator sign-ins in its own control-plane table.
GRANT SELECT, INSERT, UPDATE, DELETE ON "platform_sign_in_attempts" TO eventora_platform;
-- Operator sessions slide: the console extends `expires_at` and nothing else.
GRANT UPDATE ("expires_at") ON "platform_sessions" TO eventora_platform;
