-- Operators' writes into a clinic (issue 11): a slug never looks like an id; the audit trigger
-- dates every entry itself and lets only the table's owner write an operator's entry; the
-- console writes an operator's entries, and a new clinic's first owner, through two SECURITY
-- DEFINER functions of this schema that do exactly that and nothing else.

-- A UUID-shaped slug would be read as another clinic's id wherever "slug or id" is accepted.
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_slug_not_uuid"
    CHECK ("slug" !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$');

-- The chain as before, plus: `created_at` is the server's clock (a caller's date is ignored, so
-- no entry can be back- or forward-dated), and `actor_type = 'platform'` is refused unless the
-- writing role owns the table, which only the migrations and the functions below do: the
-- runtime role cannot pass itself off as an operator.
CREATE OR REPLACE FUNCTION "audit_log_chain"() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    previous RECORD;
BEGIN
    IF NEW.actor_type = 'platform'
       AND NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RAISE EXCEPTION 'only the platform''s writer records an operator''s entry'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended('eventora.audit:' || NEW.clinic_id::text, 0));
    EXECUTE format('SELECT seq, hash FROM %I.audit_logs WHERE clinic_id = $1 ORDER BY seq DESC LIMIT 1', TG_TABLE_SCHEMA)
        INTO previous USING NEW.clinic_id;
    NEW.seq := coalesce(previous.seq, 0) + 1;
    NEW.prev_hash := coalesce(previous.hash, '');
    NEW.created_at := date_trunc('milliseconds', clock_timestamp());
    NEW.hash := audit_log_hash(NEW);
    RETURN NEW;
END
$$;

-- Writes one operator action into the audit log of this schema (the shared one, or a clinic's
-- own), as the table owner, with the clinic bound for the statement so row level security holds.
CREATE FUNCTION "record_platform_audit_entry"(
    target_clinic UUID, operator UUID, entry_action TEXT, entry_entity_type TEXT,
    entry_entity_id TEXT, entry_reason TEXT, entry_ip TEXT, entry_metadata JSONB
) RETURNS UUID
    LANGUAGE plpgsql SECURITY DEFINER
AS $$
DECLARE
    entry_id UUID := gen_random_uuid();
BEGIN
    IF operator IS NULL OR entry_action NOT LIKE 'platform.%' THEN
        RAISE EXCEPTION 'an operator entry names its operator and a platform.* action'
            USING ERRCODE = 'check_violation';
    END IF;
    PERFORM set_config('app.current_tenant', target_clinic::text, true);
    INSERT INTO audit_logs (clinic_id, id, actor_type, actor_id, action, entity_type, entity_id, ip, reason, metadata)
    VALUES (target_clinic, entry_id, 'platform', operator, entry_action, entry_entity_type,
            entry_entity_id, entry_ip, entry_reason, coalesce(entry_metadata, '{}'::jsonb));
    PERFORM set_config('app.current_tenant', '', true);
    RETURN entry_id;
END
$$;

-- A new clinic's first owner: refused (SQLSTATE EV409) once the clinic has any user, so an
-- operator can never add an owner to a clinic in service. The owner, the set-password token
-- (its hash) and the clinic's audit entry commit together; the advisory lock serialises two
-- invitations of one clinic.
CREATE FUNCTION "invite_first_owner"(
    target_clinic UUID, operator UUID, owner_email TEXT, owner_name TEXT, token_hash TEXT,
    token_expires_at TIMESTAMPTZ, entry_ip TEXT
) RETURNS UUID
    LANGUAGE plpgsql SECURITY DEFINER
AS $$
DECLARE
    owner_id UUID := gen_random_uuid();
BEGIN
    PERFORM set_config('app.current_tenant', target_clinic::text, true);
    PERFORM pg_advisory_xact_lock(hashtextextended('eventora.first-owner:' || target_clinic::text, 0));
    IF EXISTS (SELECT 1 FROM users WHERE clinic_id = target_clinic) THEN
        RAISE EXCEPTION 'this clinic already has users: no owner is invited into it'
            USING ERRCODE = 'EV409';
    END IF;
    INSERT INTO users (clinic_id, id, email, name, role)
    VALUES (target_clinic, owner_id, lower(owner_email), owner_name, 'OWNER');
    INSERT INTO password_reset_tokens (clinic_id, id, user_id, token_hash, expires_at)
    VALUES (target_clinic, gen_random_uuid(), owner_id, token_hash, token_expires_at);
    INSERT INTO audit_logs (clinic_id, id, actor_type, actor_id, action, entity_type, entity_id, ip, metadata)
    VALUES (target_clinic, gen_random_uuid(), 'platform', operator, 'platform.owner_invited', 'User',
            owner_id::text, entry_ip, jsonb_build_object('role', 'OWNER'));
    PERFORM set_config('app.current_tenant', '', true);
    RETURN owner_id;
END
$$;

-- Pin every function's search_path to this target's schema (it finds its own tables whatever
-- the caller's search_path), re-pinning the replaced trigger function.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION audit_log_chain() SET search_path = %I, pg_catalog', current_schema());
    EXECUTE format('ALTER FUNCTION record_platform_audit_entry(UUID, UUID, TEXT, TEXT, TEXT, TEXT, TEXT, JSONB) SET search_path = %I, pg_catalog', current_schema());
    EXECUTE format('ALTER FUNCTION invite_first_owner(UUID, UUID, TEXT, TEXT, TEXT, TIMESTAMPTZ, TEXT) SET search_path = %I, pg_catalog', current_schema());
END
$$;

-- Only the console's control-plane role calls them.
REVOKE ALL ON FUNCTION "record_platform_audit_entry"(UUID, UUID, TEXT, TEXT, TEXT, TEXT, TEXT, JSONB) FROM PUBLIC;
REVOKE ALL ON FUNCTION "invite_first_owner"(UUID, UUID, TEXT, TEXT, TEXT, TIMESTAMPTZ, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "record_platform_audit_entry"(UUID, UUID, TEXT, TEXT, TEXT, TEXT, TEXT, JSONB) TO eventora_platform;
GRANT EXECUTE ON FUNCTION "invite_first_owner"(UUID, UUID, TEXT, TEXT, TEXT, TIMESTAMPTZ, TEXT) TO eventora_platform;
