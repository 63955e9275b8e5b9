-- A console restore's progress (@eventora/tenancy backups/restore-record.ts), so it survives a
-- page reload and a console restart: a restore whose process died while running (no heartbeat
-- for a minute) is reported failed, its old state intact (the restore is one transaction).
-- Control plane (`target_clinic_id`), written and read by the console as the owner role: no
-- runtime role is granted anything. Runs unchanged on every target; elsewhere it stays empty.

-- CreateTable
CREATE TABLE "clinic_restores" (
    "id" UUID NOT NULL,
    "target_clinic_id" UUID NOT NULL,
    "backup_id" UUID NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "operator_id" UUID NOT NULL,
    "state" VARCHAR(16) NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL,
    "tables_done" INTEGER NOT NULL DEFAULT 0,
    "tables_of" INTEGER NOT NULL,
    "rows" BIGINT NOT NULL DEFAULT 0,
    "copy_clinic_id" UUID,
    "copy_slug" VARCHAR(63),
    "safety_backup_id" UUID,
    "error" VARCHAR(500),

    CONSTRAINT "clinic_restores_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "clinic_restores_target_clinic_id_started_at_idx" ON "clinic_restores"("target_clinic_id", "started_at");
