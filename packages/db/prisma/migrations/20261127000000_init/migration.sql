-- Eventora's first migration: the domain tables (as Prisma would write them for
-- schema.prisma), then what Prisma cannot express: checks, the double-booking exclusion
-- constraint, the audit hash chain, row level security and the runtime roles' grants.
--
-- It runs unchanged against every target: the shared database's `public` schema, a clinic's
-- own schema (search_path = clinic_<slug>, public) or a clinic's own database. Nothing below
-- names a schema; grants use current_schema(). The roles eventora_owner (runs this),
-- eventora_app and eventora_platform exist beforehand (bootstrap step, see roles.ts).

-- btree_gist lets one exclusion constraint mix uuid equality with range overlap. Always in
-- public (a database has one copy): installed into a clinic schema that happened to be migrated
-- first, it would be dropped with that schema, taking every target's exclusion constraint along.
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

-- CreateEnum
CREATE TYPE "ClinicMode" AS ENUM ('shared', 'schema', 'database');

-- CreateEnum
CREATE TYPE "ClinicStatus" AS ENUM ('active', 'frozen', 'moving', 'suspended');

-- CreateEnum
CREATE TYPE "BillingStatus" AS ENUM ('trial', 'active', 'past_due', 'cancelled');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OWNER', 'STAFF', 'THERAPIST', 'CLIENT');

-- CreateEnum
CREATE TYPE "UserPackageStatus" AS ENUM ('active', 'revoked');

-- CreateEnum
CREATE TYPE "ReservationStatus" AS ENUM ('booked', 'cancelled', 'completed', 'no_show');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('user', 'platform', 'system');

-- CreateEnum
CREATE TYPE "CheckoutStatus" AS ENUM ('open', 'completed', 'expired', 'failed', 'refunded');

-- CreateTable
CREATE TABLE "clinics" (
    "id" UUID NOT NULL,
    "slug" VARCHAR(63) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "billing_status" "BillingStatus" NOT NULL DEFAULT 'trial',
    "mode" "ClinicMode" NOT NULL DEFAULT 'shared',
    "schema_name" VARCHAR(63),
    "database_url_ref" VARCHAR(200),
    "status" "ClinicStatus" NOT NULL DEFAULT 'active',
    "routing_version" INTEGER NOT NULL DEFAULT 1,
    "timezone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    "brand_color" VARCHAR(7),
    "cancellation_window_hours" INTEGER NOT NULL DEFAULT 24,
    "onboarding" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clinics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_operators" (
    "id" UUID NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "password_hash" TEXT NOT NULL,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_operators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_sessions" (
    "id" VARCHAR(64) NOT NULL,
    "operator_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_audit_logs" (
    "id" UUID NOT NULL,
    "operator_id" UUID,
    "action" VARCHAR(100) NOT NULL,
    "target_clinic_id" UUID,
    "reason" VARCHAR(500),
    "ip" VARCHAR(45),
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "phone" VARCHAR(40),
    "role" "Role" NOT NULL DEFAULT 'CLIENT',
    "password_hash" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "clinic_id" UUID NOT NULL,
    "id" VARCHAR(64) NOT NULL,
    "user_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" VARCHAR(45),
    "user_agent" VARCHAR(500),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "branches" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "address" VARCHAR(500),
    "timezone" VARCHAR(64) NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "branches_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "opening_hours" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "opens_at" SMALLINT NOT NULL,
    "closes_at" SMALLINT NOT NULL,

    CONSTRAINT "opening_hours_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "therapists" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "user_id" UUID,
    "name" VARCHAR(200) NOT NULL,
    "bio" VARCHAR(2000),
    "session_minutes" SMALLINT NOT NULL DEFAULT 60,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "therapists_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "therapist_branches" (
    "clinic_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,

    CONSTRAINT "therapist_branches_pkey" PRIMARY KEY ("clinic_id","therapist_id","branch_id")
);

-- CreateTable
CREATE TABLE "therapist_shifts" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "starts_at" SMALLINT NOT NULL,
    "ends_at" SMALLINT NOT NULL,

    CONSTRAINT "therapist_shifts_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "packages" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "description" VARCHAR(2000),
    "sessions_included" INTEGER NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "validity_days" INTEGER NOT NULL,
    "stripe_product_id" VARCHAR(255),
    "stripe_price_id" VARCHAR(255),
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "packages_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "user_packages" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "package_id" UUID NOT NULL,
    "credits_total" INTEGER NOT NULL,
    "credits_left" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "UserPackageStatus" NOT NULL DEFAULT 'active',
    "purchase_reference" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_packages_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "reservations" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    "user_package_id" UUID,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "ReservationStatus" NOT NULL DEFAULT 'booked',
    "notes" VARCHAR(2000),
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reservations_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "password_reset_tokens" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_reset_tokens_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "seq" BIGINT NOT NULL DEFAULT 0,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" UUID,
    "action" VARCHAR(100) NOT NULL,
    "entity_type" VARCHAR(100),
    "entity_id" VARCHAR(255),
    "ip" VARCHAR(45),
    "reason" VARCHAR(500),
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prev_hash" VARCHAR(64) NOT NULL DEFAULT '',
    "hash" VARCHAR(64) NOT NULL DEFAULT '',

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "stripe_events" (
    "clinic_id" UUID NOT NULL,
    "id" VARCHAR(255) NOT NULL,
    "type" VARCHAR(100) NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateTable
CREATE TABLE "checkout_sessions" (
    "clinic_id" UUID NOT NULL,
    "id" VARCHAR(255) NOT NULL,
    "user_id" UUID NOT NULL,
    "package_id" UUID NOT NULL,
    "status" "CheckoutStatus" NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkout_sessions_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "clinics_slug_key" ON "clinics"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "platform_operators_email_key" ON "platform_operators"("email");

-- CreateIndex
CREATE INDEX "platform_sessions_operator_id_idx" ON "platform_sessions"("operator_id");

-- CreateIndex
CREATE INDEX "platform_audit_logs_created_at_idx" ON "platform_audit_logs"("created_at");

-- CreateIndex
CREATE INDEX "platform_audit_logs_target_clinic_id_created_at_idx" ON "platform_audit_logs"("target_clinic_id", "created_at");

-- CreateIndex
CREATE INDEX "users_clinic_id_role_name_idx" ON "users"("clinic_id", "role", "name");

-- CreateIndex
CREATE UNIQUE INDEX "users_clinic_id_email_key" ON "users"("clinic_id", "email");

-- CreateIndex
CREATE INDEX "sessions_clinic_id_user_id_idx" ON "sessions"("clinic_id", "user_id");

-- CreateIndex
CREATE INDEX "branches_clinic_id_name_idx" ON "branches"("clinic_id", "name");

-- CreateIndex
CREATE INDEX "opening_hours_clinic_id_branch_id_weekday_idx" ON "opening_hours"("clinic_id", "branch_id", "weekday");

-- CreateIndex
CREATE INDEX "therapists_clinic_id_name_idx" ON "therapists"("clinic_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "therapists_clinic_id_user_id_key" ON "therapists"("clinic_id", "user_id");

-- CreateIndex
CREATE INDEX "therapist_branches_clinic_id_branch_id_idx" ON "therapist_branches"("clinic_id", "branch_id");

-- CreateIndex
CREATE INDEX "therapist_shifts_clinic_id_therapist_id_branch_id_weekday_idx" ON "therapist_shifts"("clinic_id", "therapist_id", "branch_id", "weekday");

-- CreateIndex
CREATE INDEX "packages_clinic_id_name_idx" ON "packages"("clinic_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "packages_clinic_id_stripe_price_id_key" ON "packages"("clinic_id", "stripe_price_id");

-- CreateIndex
CREATE INDEX "user_packages_clinic_id_user_id_expires_at_idx" ON "user_packages"("clinic_id", "user_id", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "user_packages_clinic_id_purchase_reference_key" ON "user_packages"("clinic_id", "purchase_reference");

-- CreateIndex
CREATE INDEX "reservations_clinic_id_starts_at_idx" ON "reservations"("clinic_id", "starts_at");

-- CreateIndex
CREATE INDEX "reservations_clinic_id_client_id_starts_at_idx" ON "reservations"("clinic_id", "client_id", "starts_at");

-- CreateIndex
CREATE INDEX "reservations_clinic_id_therapist_id_starts_at_idx" ON "reservations"("clinic_id", "therapist_id", "starts_at");

-- CreateIndex
CREATE INDEX "password_reset_tokens_clinic_id_user_id_idx" ON "password_reset_tokens"("clinic_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "password_reset_tokens_clinic_id_token_hash_key" ON "password_reset_tokens"("clinic_id", "token_hash");

-- CreateIndex
CREATE INDEX "audit_logs_clinic_id_created_at_idx" ON "audit_logs"("clinic_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_logs_clinic_id_seq_key" ON "audit_logs"("clinic_id", "seq");

-- CreateIndex
CREATE INDEX "checkout_sessions_clinic_id_user_id_idx" ON "checkout_sessions"("clinic_id", "user_id");

-- AddForeignKey
ALTER TABLE "platform_sessions" ADD CONSTRAINT "platform_sessions_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "platform_operators"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_clinic_id_user_id_fkey" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opening_hours" ADD CONSTRAINT "opening_hours_clinic_id_branch_id_fkey" FOREIGN KEY ("clinic_id", "branch_id") REFERENCES "branches"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "therapists" ADD CONSTRAINT "therapists_clinic_id_user_id_fkey" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "therapist_branches" ADD CONSTRAINT "therapist_branches_clinic_id_therapist_id_fkey" FOREIGN KEY ("clinic_id", "therapist_id") REFERENCES "therapists"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "therapist_branches" ADD CONSTRAINT "therapist_branches_clinic_id_branch_id_fkey" FOREIGN KEY ("clinic_id", "branch_id") REFERENCES "branches"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "therapist_shifts" ADD CONSTRAINT "therapist_shifts_clinic_id_therapist_id_branch_id_fkey" FOREIGN KEY ("clinic_id", "therapist_id", "branch_id") REFERENCES "therapist_branches"("clinic_id", "therapist_id", "branch_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_packages" ADD CONSTRAINT "user_packages_clinic_id_user_id_fkey" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_packages" ADD CONSTRAINT "user_packages_clinic_id_package_id_fkey" FOREIGN KEY ("clinic_id", "package_id") REFERENCES "packages"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_clinic_id_client_id_fkey" FOREIGN KEY ("clinic_id", "client_id") REFERENCES "users"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_clinic_id_therapist_id_fkey" FOREIGN KEY ("clinic_id", "therapist_id") REFERENCES "therapists"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_clinic_id_branch_id_fkey" FOREIGN KEY ("clinic_id", "branch_id") REFERENCES "branches"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_clinic_id_user_package_id_fkey" FOREIGN KEY ("clinic_id", "user_package_id") REFERENCES "user_packages"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_clinic_id_user_id_fkey" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_clinic_id_user_id_fkey" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_clinic_id_package_id_fkey" FOREIGN KEY ("clinic_id", "package_id") REFERENCES "packages"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Invariants Prisma cannot express
-- ---------------------------------------------------------------------------------------------

ALTER TABLE "clinics"
    ADD CONSTRAINT "clinics_slug_format" CHECK ("slug" ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
    ADD CONSTRAINT "clinics_schema_name_format" CHECK ("schema_name" IS NULL OR "schema_name" ~ '^clinic_[a-z0-9_]+$'),
    ADD CONSTRAINT "clinics_cancellation_window" CHECK ("cancellation_window_hours" BETWEEN 0 AND 720);

ALTER TABLE "users"
    ADD CONSTRAINT "users_email_lower_case" CHECK ("email" = lower("email"));

ALTER TABLE "opening_hours"
    ADD CONSTRAINT "opening_hours_weekday" CHECK ("weekday" BETWEEN 0 AND 6),
    ADD CONSTRAINT "opening_hours_interval" CHECK (0 <= "opens_at" AND "opens_at" < "closes_at" AND "closes_at" <= 1440);

ALTER TABLE "therapists"
    ADD CONSTRAINT "therapists_session_minutes" CHECK ("session_minutes" BETWEEN 5 AND 480);

ALTER TABLE "therapist_shifts"
    ADD CONSTRAINT "therapist_shifts_weekday" CHECK ("weekday" BETWEEN 0 AND 6),
    ADD CONSTRAINT "therapist_shifts_interval" CHECK (0 <= "starts_at" AND "starts_at" < "ends_at" AND "ends_at" <= 1440);

ALTER TABLE "packages"
    ADD CONSTRAINT "packages_sessions_included" CHECK ("sessions_included" > 0),
    ADD CONSTRAINT "packages_price" CHECK ("price_cents" >= 0),
    ADD CONSTRAINT "packages_validity" CHECK ("validity_days" > 0),
    ADD CONSTRAINT "packages_currency" CHECK ("currency" ~ '^[a-z]{3}$');

ALTER TABLE "user_packages"
    ADD CONSTRAINT "user_packages_credits" CHECK (0 <= "credits_left" AND "credits_left" <= "credits_total");

ALTER TABLE "reservations"
    ADD CONSTRAINT "reservations_interval" CHECK ("starts_at" < "ends_at"),
    -- A therapist is never in two places at once: no two active reservations of one therapist
    -- overlap. Half-open ranges, so back-to-back sessions are fine.
    ADD CONSTRAINT "reservations_no_therapist_overlap" EXCLUDE USING gist (
        "clinic_id" WITH =,
        "therapist_id" WITH =,
        tstzrange("starts_at", "ends_at", '[)') WITH &&
    ) WHERE ("status" <> 'cancelled');

-- ---------------------------------------------------------------------------------------------
-- Audit log: a per-clinic hash chain, filled in by the database so no writer can skip it
-- ---------------------------------------------------------------------------------------------

-- The row's hash covers the previous row's hash and every field of the row; verification
-- recomputes it with this same function.
CREATE FUNCTION "audit_log_hash"(entry "audit_logs") RETURNS TEXT
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
AS $$
    SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
        entry.prev_hash,
        entry.seq::text,
        entry.clinic_id::text,
        entry.id::text,
        entry.actor_type::text,
        coalesce(entry.actor_id::text, ''),
        entry.action,
        coalesce(entry.entity_type, ''),
        coalesce(entry.entity_id, ''),
        coalesce(entry.ip, ''),
        coalesce(entry.reason, ''),
        entry.metadata::text,
        to_char(entry.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    ), 'UTF8')), 'hex')
$$;

-- Chains a new entry after the clinic's latest one. The advisory lock serialises writers of
-- one clinic (other clinics never wait); the lookup runs under the caller's RLS binding,
-- which WITH CHECK has already tied to NEW.clinic_id.
CREATE FUNCTION "audit_log_chain"() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    previous RECORD;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('eventora.audit:' || NEW.clinic_id::text, 0));
    EXECUTE format('SELECT seq, hash FROM %I.audit_logs WHERE clinic_id = $1 ORDER BY seq DESC LIMIT 1', TG_TABLE_SCHEMA)
        INTO previous USING NEW.clinic_id;
    NEW.seq := coalesce(previous.seq, 0) + 1;
    NEW.prev_hash := coalesce(previous.hash, '');
    NEW.created_at := date_trunc('milliseconds', NEW.created_at);
    NEW.hash := audit_log_hash(NEW);
    RETURN NEW;
END
$$;

CREATE TRIGGER "audit_logs_chain" BEFORE INSERT ON "audit_logs"
    FOR EACH ROW EXECUTE FUNCTION "audit_log_chain"();

-- Pin the trigger's search_path to this target's schema, so it finds its own hash function
-- whatever the calling session's search_path is.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION audit_log_chain() SET search_path = %I, pg_catalog', current_schema());
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Row level security on every tenant table
-- ---------------------------------------------------------------------------------------------

-- The bound clinic is transaction-local (set_config(..., true)); `nullif` turns the '' a
-- reused connection reports into NULL, which matches no row; the sub-select makes Postgres
-- evaluate it once per statement instead of once per row.
DO $$
DECLARE
    tenant_table TEXT;
    bound_clinic CONSTANT TEXT := '(clinic_id = (SELECT nullif(current_setting(''app.current_tenant'', true), '''')::uuid))';
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY[
        'users', 'sessions', 'branches', 'opening_hours', 'therapists', 'therapist_branches',
        'therapist_shifts', 'packages', 'user_packages', 'reservations', 'password_reset_tokens',
        'audit_logs', 'stripe_events', 'checkout_sessions'
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
-- Grants: the runtime roles get what the apps need and nothing else
-- ---------------------------------------------------------------------------------------------

DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO eventora_app, eventora_platform', current_schema());
END
$$;

-- eventora_app: the clinic portal and API. Tenant rows only through RLS; the registry read-only.
GRANT SELECT ON "clinics" TO eventora_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON
    "users", "sessions", "branches", "opening_hours", "therapists", "therapist_branches",
    "therapist_shifts", "packages", "user_packages", "reservations", "password_reset_tokens",
    "stripe_events", "checkout_sessions"
    TO eventora_app;
-- The audit log is append-only for the app: no UPDATE, no DELETE.
GRANT SELECT, INSERT ON "audit_logs" TO eventora_app;

-- eventora_platform: the admin console's control plane. It holds no grant on tenant tables;
-- operators reach a clinic's data only through the audited tenancy path, as eventora_app.
GRANT SELECT, INSERT, UPDATE ON "clinics" TO eventora_platform;
GRANT SELECT ON "platform_operators" TO eventora_platform;
GRANT SELECT, INSERT, DELETE ON "platform_sessions" TO eventora_platform;
GRANT SELECT, INSERT ON "platform_audit_logs" TO eventora_platform;
