-- Tenant moves (@eventora/tenancy moves/): a clinic moves between the shared schema, its own
-- schema and its own database while it keeps working. Three parts:
--
-- 1. `tenant_moves`, the control plane's record of each move (the state machine's persisted
--    state). Control plane, so the clinic is `target_clinic_id` (not a tenant table).
-- 2. `tenant_move_changes`, the change log written during a move by capture triggers that the
--    engine installs on the source's tenant tables for that one clinic (WHEN clinic_id = …),
--    so other clinics' writes never pay a function call. Keys only, no row content.
-- 3. The trigger functions the engine attaches per clinic: `tenant_move_capture` (log a changed
--    key) and `clinic_frozen_guard` (refuse a frozen clinic's writes with SQLSTATE EV001).
--
-- Like every migration it runs unchanged against every target; in a clinic schema or database
-- `tenant_moves` stays empty and the change log serves moves out of that target.

-- CreateTable
CREATE TABLE "tenant_moves" (
    "id" UUID NOT NULL,
    "target_clinic_id" UUID NOT NULL,
    "from_mode" "ClinicMode" NOT NULL,
    "from_schema" VARCHAR(63),
    "from_database_url_ref" VARCHAR(200),
    "to_mode" "ClinicMode" NOT NULL,
    "to_schema" VARCHAR(63),
    "to_database_url_ref" VARCHAR(200),
    "step" VARCHAR(32) NOT NULL DEFAULT 'plan',
    "state" VARCHAR(16) NOT NULL DEFAULT 'running',
    "tables" JSONB NOT NULL DEFAULT '{}',
    "checksums" JSONB NOT NULL DEFAULT '{}',
    "timings" JSONB NOT NULL DEFAULT '{}',
    "actor" VARCHAR(320) NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "error" TEXT,
    "rollback_of" UUID,
    "frozen_at" TIMESTAMPTZ(3),
    "unfrozen_at" TIMESTAMPTZ(3),
    "flipped_at" TIMESTAMPTZ(3),
    "retain_until" TIMESTAMPTZ(3),
    "cleaned_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_moves_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tenant_moves_target_clinic_id_created_at_idx" ON "tenant_moves"("target_clinic_id", "created_at");

ALTER TABLE "tenant_moves"
    ADD CONSTRAINT "tenant_moves_state" CHECK ("state" IN ('running', 'failed', 'done', 'rolled_back')),
    ADD CONSTRAINT "tenant_moves_somewhere_else" CHECK (
        ("from_mode", coalesce("from_schema", ''), coalesce("from_database_url_ref", ''))
        IS DISTINCT FROM ("to_mode", coalesce("to_schema", ''), coalesce("to_database_url_ref", '')));

-- One move of a clinic at a time: a second one (a second operator, a second CLI) is refused by
-- the database itself. A finished move (done: retained or cleaned up; rolled back) frees it.
CREATE UNIQUE INDEX "tenant_moves_one_in_flight" ON "tenant_moves"("target_clinic_id")
    WHERE "state" IN ('running', 'failed');

-- CreateTable
CREATE TABLE "tenant_move_changes" (
    "move_id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "table_name" VARCHAR(63) NOT NULL,
    "key" JSONB NOT NULL,

    CONSTRAINT "tenant_move_changes_pkey" PRIMARY KEY ("move_id", "seq")
);

-- Logs the key of a row of the moving clinic that an INSERT, UPDATE or DELETE touched.
-- TG_ARGV[0] is the move id, the rest the primary key's columns. SECURITY DEFINER: the runtime
-- role writes the log through this function only, and holds no grant on it.
CREATE FUNCTION "tenant_move_capture"() RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
DECLARE
    key_columns TEXT[] := TG_ARGV[1:TG_NARGS - 1];
    old_key JSONB;
    new_key JSONB;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT jsonb_object_agg(k, to_jsonb(OLD) -> k) INTO old_key FROM unnest(key_columns) AS k;
        INSERT INTO tenant_move_changes (move_id, table_name, key) VALUES (TG_ARGV[0]::uuid, TG_TABLE_NAME, old_key);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT jsonb_object_agg(k, to_jsonb(NEW) -> k) INTO new_key FROM unnest(key_columns) AS k;
        IF new_key IS DISTINCT FROM old_key THEN
            INSERT INTO tenant_move_changes (move_id, table_name, key) VALUES (TG_ARGV[0]::uuid, TG_TABLE_NAME, new_key);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- Refuses a write of a frozen clinic. The typed code lets the tenancy client answer
-- CLINIC_FROZEN; raw SQL sees the same refusal.
CREATE FUNCTION "clinic_frozen_guard"() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'CLINIC_FROZEN: this clinic is being moved; its data is read-only for now'
        USING ERRCODE = 'EV001', HINT = 'Try again in a minute.';
END
$$;

-- Pin both functions' search_path to this target's schema (as audit_log_chain does).
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION tenant_move_capture() SET search_path = %I, pg_catalog', current_schema());
    EXECUTE format('ALTER FUNCTION clinic_frozen_guard() SET search_path = %I, pg_catalog', current_schema());
END
$$;

REVOKE ALL ON FUNCTION "tenant_move_capture"() FROM PUBLIC;

-- The console reads moves (history, live progress); moves are started by the engine as the owner.
GRANT SELECT ON "tenant_moves" TO eventora_platform;
