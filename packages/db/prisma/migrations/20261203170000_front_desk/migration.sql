-- The clinic runs itself: team invitations and email confirmations (account tokens), services
-- with their therapists, pay at the desk (payments), attendance, therapist time off and clinic
-- holidays, reservation notes, and the clinic settings owners edit from the portal.
--
-- Like every migration it runs unchanged against every target (shared database, clinic
-- schemas, clinic databases): nothing below names a schema except the registry function,
-- which always edits the registry in `public`.

-- CreateEnum
CREATE TYPE "AccountTokenKind" AS ENUM ('invitation', 'email_change');
CREATE TYPE "ReservationPayment" AS ENUM ('credit', 'desk');
CREATE TYPE "PaymentMethod" AS ENUM ('cash', 'card_terminal', 'transfer');

-- AlterTable: the registry's clinic profile (owners edit it through update_clinic_settings)
ALTER TABLE "clinics"
    ADD COLUMN "logo_url" VARCHAR(500),
    ADD COLUMN "contact_email" VARCHAR(320),
    ADD COLUMN "contact_phone" VARCHAR(40),
    ADD COLUMN "address" VARCHAR(500),
    ADD COLUMN "currency" CHAR(3) NOT NULL DEFAULT 'usd',
    ADD COLUMN "no_show_keeps_credit" BOOLEAN NOT NULL DEFAULT true,
    ADD CONSTRAINT "clinics_currency" CHECK ("currency" ~ '^[a-z]{3}$');

-- AlterTable
ALTER TABLE "users" ADD COLUMN "last_sign_in_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "account_tokens" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "AccountTokenKind" NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "new_email" VARCHAR(320),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_tokens_pkey" PRIMARY KEY ("clinic_id","id"),
    CONSTRAINT "account_tokens_email_change" CHECK (("kind" = 'email_change') = ("new_email" IS NOT NULL))
);

-- CreateTable
CREATE TABLE "services" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "description" VARCHAR(2000),
    "duration_minutes" SMALLINT NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "services_pkey" PRIMARY KEY ("clinic_id","id"),
    CONSTRAINT "services_duration" CHECK ("duration_minutes" BETWEEN 5 AND 480 AND "duration_minutes" % 5 = 0),
    CONSTRAINT "services_price" CHECK ("price_cents" >= 0),
    CONSTRAINT "services_currency" CHECK ("currency" ~ '^[a-z]{3}$')
);

-- CreateTable
CREATE TABLE "therapist_services" (
    "clinic_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,

    CONSTRAINT "therapist_services_pkey" PRIMARY KEY ("clinic_id","therapist_id","service_id")
);

-- AlterTable
ALTER TABLE "reservations"
    ADD COLUMN "service_id" UUID,
    ADD COLUMN "payment" "ReservationPayment" NOT NULL DEFAULT 'credit',
    ADD COLUMN "arrived_at" TIMESTAMPTZ(3),
    ADD COLUMN "attendance_marked_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "payments" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "reservation_id" UUID,
    "amount_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "reference" VARCHAR(200),
    "recorded_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("clinic_id","id"),
    CONSTRAINT "payments_amount" CHECK ("amount_cents" > 0),
    CONSTRAINT "payments_currency" CHECK ("currency" ~ '^[a-z]{3}$')
);

-- CreateTable
CREATE TABLE "time_off" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "therapist_id" UUID,
    "first_day" DATE NOT NULL,
    "last_day" DATE NOT NULL,
    "recurs_yearly" BOOLEAN NOT NULL DEFAULT false,
    "reason" VARCHAR(200),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "time_off_pkey" PRIMARY KEY ("clinic_id","id"),
    CONSTRAINT "time_off_days" CHECK ("first_day" <= "last_day" AND "last_day" - "first_day" < 366)
);

-- CreateTable
CREATE TABLE "reservation_notes" (
    "clinic_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "reservation_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" VARCHAR(4000) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reservation_notes_pkey" PRIMARY KEY ("clinic_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_tokens_clinic_id_token_hash_key" ON "account_tokens"("clinic_id", "token_hash");
CREATE INDEX "account_tokens_clinic_id_user_id_idx" ON "account_tokens"("clinic_id", "user_id");
CREATE INDEX "services_clinic_id_name_idx" ON "services"("clinic_id", "name");
CREATE INDEX "therapist_services_clinic_id_service_id_idx" ON "therapist_services"("clinic_id", "service_id");
CREATE INDEX "reservations_clinic_id_service_id_idx" ON "reservations"("clinic_id", "service_id");
CREATE INDEX "payments_clinic_id_client_id_created_at_idx" ON "payments"("clinic_id", "client_id", "created_at");
CREATE INDEX "payments_clinic_id_reservation_id_idx" ON "payments"("clinic_id", "reservation_id");
CREATE INDEX "time_off_clinic_id_therapist_id_first_day_idx" ON "time_off"("clinic_id", "therapist_id", "first_day");
CREATE INDEX "reservation_notes_clinic_id_reservation_id_created_at_idx" ON "reservation_notes"("clinic_id", "reservation_id", "created_at");

-- AddForeignKey
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_clinic_id_user_id_fkey" FOREIGN KEY ("clinic_id", "user_id") REFERENCES "users"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "therapist_services" ADD CONSTRAINT "therapist_services_clinic_id_therapist_id_fkey" FOREIGN KEY ("clinic_id", "therapist_id") REFERENCES "therapists"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "therapist_services" ADD CONSTRAINT "therapist_services_clinic_id_service_id_fkey" FOREIGN KEY ("clinic_id", "service_id") REFERENCES "services"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_clinic_id_service_id_fkey" FOREIGN KEY ("clinic_id", "service_id") REFERENCES "services"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_client_id_fkey" FOREIGN KEY ("clinic_id", "client_id") REFERENCES "users"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_reservation_id_fkey" FOREIGN KEY ("clinic_id", "reservation_id") REFERENCES "reservations"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "payments" ADD CONSTRAINT "payments_clinic_id_recorded_by_fkey" FOREIGN KEY ("clinic_id", "recorded_by") REFERENCES "users"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "time_off" ADD CONSTRAINT "time_off_clinic_id_therapist_id_fkey" FOREIGN KEY ("clinic_id", "therapist_id") REFERENCES "therapists"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reservation_notes" ADD CONSTRAINT "reservation_notes_clinic_id_reservation_id_fkey" FOREIGN KEY ("clinic_id", "reservation_id") REFERENCES "reservations"("clinic_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reservation_notes" ADD CONSTRAINT "reservation_notes_clinic_id_author_id_fkey" FOREIGN KEY ("clinic_id", "author_id") REFERENCES "users"("clinic_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Row level security on the new tenant tables: the same two policies as the first migration
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE
    tenant_table TEXT;
    bound_clinic CONSTANT TEXT := '(clinic_id = (SELECT nullif(current_setting(''app.current_tenant'', true), '''')::uuid))';
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY[
        'account_tokens', 'services', 'therapist_services', 'payments', 'time_off',
        'reservation_notes'
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
-- Grants: what the portal needs, no more
-- ---------------------------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE, DELETE ON "account_tokens" TO eventora_app;
-- Services and time off are edited and removed; a therapist's services are a set.
GRANT SELECT, INSERT, UPDATE ON "services" TO eventora_app;
GRANT SELECT, INSERT, DELETE ON "therapist_services", "time_off" TO eventora_app;
-- Payments are a ledger: recorded, never edited; a merge of duplicate clients moves them.
GRANT SELECT, INSERT ON "payments" TO eventora_app;
GRANT UPDATE ("client_id") ON "payments" TO eventora_app;
-- Notes are appended, never rewritten (each read is audited).
GRANT SELECT, INSERT ON "reservation_notes" TO eventora_app;

-- ---------------------------------------------------------------------------------------------
-- Owners edit their clinic's profile from the portal. The runtime role may not UPDATE the
-- registry (it routes every clinic); this function changes only the profile columns of the
-- clinic bound to the calling transaction, and nothing else.
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION "update_clinic_settings"(
    p_name VARCHAR, p_brand_color VARCHAR, p_logo_url VARCHAR, p_contact_email VARCHAR,
    p_contact_phone VARCHAR, p_address VARCHAR, p_cancellation_window_hours INTEGER,
    p_reminder_hours_before SMALLINT, p_timezone VARCHAR, p_currency CHAR(3),
    p_no_show_keeps_credit BOOLEAN
) RETURNS INTEGER
    LANGUAGE plpgsql
    SECURITY DEFINER
    -- Nothing the caller can create is on the path: every table is named with its schema.
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bound UUID := nullif(current_setting('app.current_tenant', true), '')::uuid;
    changed INTEGER;
BEGIN
    IF bound IS NULL THEN
        RAISE EXCEPTION 'no clinic is bound' USING ERRCODE = '42501';
    END IF;
    UPDATE public.clinics SET
        name = p_name, brand_color = p_brand_color, logo_url = p_logo_url,
        contact_email = p_contact_email, contact_phone = p_contact_phone, address = p_address,
        cancellation_window_hours = p_cancellation_window_hours,
        reminder_hours_before = p_reminder_hours_before, timezone = p_timezone, currency = p_currency,
        no_show_keeps_credit = p_no_show_keeps_credit, updated_at = now()
     WHERE id = bound;
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END
$$;

REVOKE ALL ON FUNCTION "update_clinic_settings"(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, SMALLINT, VARCHAR, CHAR(3), BOOLEAN) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "update_clinic_settings"(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, SMALLINT, VARCHAR, CHAR(3), BOOLEAN) TO eventora_app;
