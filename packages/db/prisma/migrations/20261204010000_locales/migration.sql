-- Languages: the portal and every message speak English (`en`) or Mexican Spanish (`es`,
-- shown as es-MX). A clinic's default is its registry row's; a user's own choice overrides it
-- (NULL follows the clinic). The columns and their checks exist (20261203121000_job_queue).

-- Owners change their clinic's default language from the portal. Like update_clinic_settings,
-- the runtime role may not UPDATE the registry: this function changes only the locale of the
-- clinic bound to the calling transaction.
CREATE FUNCTION "set_clinic_locale"(p_locale VARCHAR) RETURNS INTEGER
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bound UUID := nullif(current_setting('app.current_tenant', true), '')::uuid;
    changed INTEGER;
BEGIN
    IF bound IS NULL THEN
        RAISE EXCEPTION 'no clinic is bound' USING ERRCODE = '42501';
    END IF;
    UPDATE public.clinics SET locale = p_locale, updated_at = now() WHERE id = bound;
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END
$$;

REVOKE ALL ON FUNCTION "set_clinic_locale"(VARCHAR) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "set_clinic_locale"(VARCHAR) TO eventora_app;
