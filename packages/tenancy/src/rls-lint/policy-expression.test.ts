import { describe, expect, it } from 'vitest';
import { bindsToCurrentTenant } from './policy-expression';

// What pg_get_expr prints for the migrations' policy (PostgreSQL 15 and 17 alike).
const MIGRATIONS_POLICY = `(clinic_id = ( SELECT (NULLIF(current_setting('app.current_tenant'::text, true), ''::text))::uuid AS "nullif"))`;

describe('a policy expression binds to the current tenant', () => {
  it("when it compares clinic_id with app.current_tenant, as the migrations' policy does", () => {
    expect(bindsToCurrentTenant(MIGRATIONS_POLICY)).toBe(true);
  });

  it('however the comparison is cast, wrapped or ordered', () => {
    expect(
      bindsToCurrentTenant(`(clinic_id = (current_setting('app.current_tenant'::text))::uuid)`),
    ).toBe(true);
    expect(
      bindsToCurrentTenant(
        `((NULLIF(current_setting('app.current_tenant'::text, true), ''::text))::uuid = clinic_id)`,
      ),
    ).toBe(true);
    expect(
      bindsToCurrentTenant(
        `((clinic_id = ( SELECT (current_setting('app.current_tenant'::text, true))::uuid AS current_setting)) AND (deleted_at IS NULL))`,
      ),
    ).toBe(true);
  });

  it('not when it lets every row through', () => {
    expect(bindsToCurrentTenant('true')).toBe(false);
    expect(bindsToCurrentTenant(null)).toBe(false);
    expect(bindsToCurrentTenant('(clinic_id IS NOT NULL)')).toBe(false);
  });

  it('not when an OR opens a second way in', () => {
    expect(
      bindsToCurrentTenant(`(${MIGRATIONS_POLICY} OR (CURRENT_USER = 'eventora_owner'::name))`),
    ).toBe(false);
  });

  it('not when it reads another setting or compares another column', () => {
    expect(
      bindsToCurrentTenant(`(clinic_id = (current_setting('app.other_tenant'::text))::uuid)`),
    ).toBe(false);
    expect(
      bindsToCurrentTenant(
        `(owner_clinic_id = (current_setting('app.current_tenant'::text))::uuid)`,
      ),
    ).toBe(false);
    expect(
      bindsToCurrentTenant(
        `((clinic_id = clinic_id) AND (current_setting('app.current_tenant'::text, true) IS NOT NULL))`,
      ),
    ).toBe(false);
  });
});
