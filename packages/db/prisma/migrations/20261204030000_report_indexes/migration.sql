-- Owners' reports (packages/api/src/routers/report) read one clinic's rows over a range of dates.

-- Reservations by start with the columns the report sums, so a year of a busy clinic is read
-- from the index alone (an index-only scan once the table is vacuumed), not row by row.
CREATE INDEX "reservations_clinic_id_starts_at_report_idx" ON "reservations"("clinic_id", "starts_at")
    INCLUDE ("status", "ends_at", "therapist_id", "branch_id");

-- Desk payments and package sales by the day they happened.
CREATE INDEX "payments_clinic_id_created_at_idx" ON "payments"("clinic_id", "created_at");
CREATE INDEX "user_packages_clinic_id_created_at_idx" ON "user_packages"("clinic_id", "created_at");
