-- Personal data out of the audit hash chain.
--
-- An entry's `ip`, `reason` and `metadata` may identify a person (a client's address, a name
-- typed into a reason). Erasure must be able to remove them without breaking the chain, so the
-- chain no longer hashes them: it hashes `details_digest`, a salted SHA-256 of the three, and
-- the salt stays beside them. Forgetting an entry's details clears the three fields and the
-- salt together and stamps `details_erased_at`: the digest left in the chain then reveals
-- nothing (the salt is gone), and the chain still verifies. While details are present,
-- verification checks them against the digest, so editing them is still caught.
--
-- Existing entries: each clinic's chain is verified with the old formula first (the migration
-- fails on a broken chain rather than re-sealing a forgery), then salted, digested and
-- re-chained in seq order with the new one.

ALTER TABLE "audit_logs"
    ADD COLUMN "details_salt" VARCHAR(32),
    ADD COLUMN "details_digest" VARCHAR(64) NOT NULL DEFAULT '',
    ADD COLUMN "details_erased_at" TIMESTAMPTZ(3);

-- The salted digest of an entry's personal details.
CREATE FUNCTION "audit_log_details_digest"(entry "audit_logs") RETURNS TEXT
    LANGUAGE sql STABLE
    SET search_path = pg_catalog
AS $$
    SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
        coalesce(entry.details_salt, ''),
        coalesce(entry.ip, ''),
        coalesce(entry.reason, ''),
        entry.metadata::text
    ), 'UTF8')), 'hex')
$$;

-- Verify every clinic's chain with the formula it was written with, before anything changes.
-- RLS is lifted for the owner for the length of this transaction only (the FORCE comes back
-- below, before COMMIT): the migration must see every clinic of this target at once.
ALTER TABLE "audit_logs" NO FORCE ROW LEVEL SECURITY;

DO $$
DECLARE
    broken RECORD;
BEGIN
    SELECT entry.clinic_id, entry.seq INTO broken
    FROM (
        SELECT e.clinic_id, e.seq, e.hash, e.prev_hash, audit_log_hash(e) AS recomputed,
               lag(e.hash) OVER (PARTITION BY e.clinic_id ORDER BY e.seq) AS prev_row_hash,
               lag(e.seq) OVER (PARTITION BY e.clinic_id ORDER BY e.seq) AS prev_seq
        FROM audit_logs AS e
    ) AS entry
    WHERE entry.recomputed <> entry.hash
       OR entry.prev_hash <> coalesce(entry.prev_row_hash, '')
       OR entry.seq <> coalesce(entry.prev_seq, 0) + 1
    ORDER BY entry.clinic_id, entry.seq
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'audit chain of clinic % is broken at entry %: fix or investigate it before this migration re-seals the chain',
            broken.clinic_id, broken.seq;
    END IF;
END
$$;

-- The new chain formula: every field except the details, plus their digest.
CREATE OR REPLACE FUNCTION "audit_log_hash"(entry "audit_logs") RETURNS TEXT
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
        entry.details_digest,
        to_char(entry.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    ), 'UTF8')), 'hex')
$$;

-- Re-seal the existing entries: salt and digest them all, then re-chain each clinic in seq order.
UPDATE audit_logs SET details_salt = md5(gen_random_uuid()::text);
UPDATE audit_logs AS e SET details_digest = audit_log_details_digest(e);

DO $$
DECLARE
    entry RECORD;
    previous_clinic UUID;
    previous_hash TEXT := '';
    sealed TEXT;
BEGIN
    FOR entry IN SELECT clinic_id, id FROM audit_logs ORDER BY clinic_id, seq LOOP
        IF previous_clinic IS DISTINCT FROM entry.clinic_id THEN
            previous_hash := '';
            previous_clinic := entry.clinic_id;
        END IF;
        UPDATE audit_logs AS e SET prev_hash = previous_hash
            WHERE e.clinic_id = entry.clinic_id AND e.id = entry.id;
        UPDATE audit_logs AS e SET hash = audit_log_hash(e)
            WHERE e.clinic_id = entry.clinic_id AND e.id = entry.id
            RETURNING e.hash INTO sealed;
        previous_hash := sealed;
    END LOOP;
END
$$;

ALTER TABLE "audit_logs" FORCE ROW LEVEL SECURITY;

-- Salts and digests every new entry before the chain trigger (`audit_logs_chain`) hashes it:
-- triggers of one event fire in name order, and "blind" sorts before "chain". Whatever a
-- writer sent for these columns is replaced.
CREATE FUNCTION "audit_log_blind_details"() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
BEGIN
    NEW.details_salt := md5(gen_random_uuid()::text);
    NEW.details_erased_at := NULL;
    NEW.details_digest := encode(sha256(convert_to(concat_ws(E'\x1f',
        NEW.details_salt, coalesce(NEW.ip, ''), coalesce(NEW.reason, ''), NEW.metadata::text
    ), 'UTF8')), 'hex');
    RETURN NEW;
END
$$;

CREATE TRIGGER "audit_logs_blind" BEFORE INSERT ON "audit_logs"
    FOR EACH ROW EXECUTE FUNCTION "audit_log_blind_details"();

-- Erasure: clears the details of every entry a person acted in or was the subject of, in the
-- bound clinic only (RLS applies: the table FORCEs it, and this function runs as its owner).
-- The runtime role keeps no UPDATE on the table; this is its one narrow way to change an entry,
-- and it can only remove details, never write any. Returns how many entries it cleared.
CREATE FUNCTION "audit_log_forget_person"(person UUID) RETURNS INTEGER
    LANGUAGE plpgsql
    SECURITY DEFINER
AS $$
DECLARE
    cleared INTEGER;
BEGIN
    UPDATE audit_logs
       SET ip = NULL, reason = NULL, metadata = '{}', details_salt = NULL,
           details_erased_at = date_trunc('milliseconds', now())
     WHERE (actor_id = person OR entity_id = person::text)
       AND details_erased_at IS NULL;
    GET DIAGNOSTICS cleared = ROW_COUNT;
    RETURN cleared;
END
$$;

DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION audit_log_forget_person(uuid) SET search_path = %I, pg_catalog, pg_temp', current_schema());
END
$$;

REVOKE ALL ON FUNCTION "audit_log_forget_person"(UUID) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "audit_log_forget_person"(UUID) TO eventora_app;
