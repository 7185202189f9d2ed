-- AlterTable
ALTER TABLE "WorkItem" ADD COLUMN     "lintHits" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "lintRulesKey" TEXT;

-- CreateTable
CREATE TABLE "WorkItemStepCount" (
    "projectId" UUID NOT NULL,
    "stepId" TEXT NOT NULL,
    "slot" SMALLINT NOT NULL,
    "items" INTEGER NOT NULL,

    CONSTRAINT "WorkItemStepCount_pkey" PRIMARY KEY ("projectId","stepId","slot")
);

-- CreateIndex
CREATE INDEX "WorkItem_projectId_stepId_status_lintRulesKey_enteredStepAt_idx" ON "WorkItem"("projectId", "stepId", "status", "lintRulesKey", "enteredStepAt");

-- AddForeignKey
ALTER TABLE "WorkItemStepCount" ADD CONSTRAINT "WorkItemStepCount_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Step counts: every statement that adds, moves or removes work items adds the difference it
-- made per (project, step) to one random slot of that step. Statement-level triggers with
-- transition tables, so a bulk insert of a million items writes one row, not a million. Slots are
-- written in (project, step) order, so two transitions never wait for each other in a cycle.
CREATE FUNCTION "work_item_step_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "WorkItemStepCount" ("projectId", "stepId", slot, items)
    SELECT "projectId", "stepId", floor(random() * 16)::smallint, count(*)::int
    FROM new_items GROUP BY "projectId", "stepId" ORDER BY "projectId", "stepId"
    ON CONFLICT ("projectId", "stepId", slot)
      DO UPDATE SET items = "WorkItemStepCount".items + EXCLUDED.items;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "WorkItemStepCount" ("projectId", "stepId", slot, items)
    SELECT "projectId", "stepId", floor(random() * 16)::smallint, sum(delta)::int
    FROM (
      SELECT o."projectId", o."stepId", -1 AS delta
      FROM old_items o JOIN new_items n ON n.id = o.id
      WHERE n."stepId" <> o."stepId" OR n."projectId" <> o."projectId"
      UNION ALL
      SELECT n."projectId", n."stepId", 1
      FROM old_items o JOIN new_items n ON n.id = o.id
      WHERE n."stepId" <> o."stepId" OR n."projectId" <> o."projectId"
    ) moves
    GROUP BY "projectId", "stepId" ORDER BY "projectId", "stepId"
    ON CONFLICT ("projectId", "stepId", slot)
      DO UPDATE SET items = "WorkItemStepCount".items + EXCLUDED.items;
  ELSE
    -- Items removed with their project need no count: its counts go with it.
    INSERT INTO "WorkItemStepCount" ("projectId", "stepId", slot, items)
    SELECT o."projectId", o."stepId", floor(random() * 16)::smallint, -count(*)::int
    FROM old_items o
    WHERE EXISTS (SELECT 1 FROM "Project" p WHERE p.id = o."projectId")
    GROUP BY o."projectId", o."stepId" ORDER BY o."projectId", o."stepId"
    ON CONFLICT ("projectId", "stepId", slot)
      DO UPDATE SET items = "WorkItemStepCount".items + EXCLUDED.items;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "WorkItem_step_counts_insert" AFTER INSERT ON "WorkItem"
  REFERENCING NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION "work_item_step_counts_apply"();
CREATE TRIGGER "WorkItem_step_counts_update" AFTER UPDATE ON "WorkItem"
  REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION "work_item_step_counts_apply"();
CREATE TRIGGER "WorkItem_step_counts_delete" AFTER DELETE ON "WorkItem"
  REFERENCING OLD TABLE AS old_items
  FOR EACH STATEMENT EXECUTE FUNCTION "work_item_step_counts_apply"();

INSERT INTO "WorkItemStepCount" ("projectId", "stepId", slot, items)
SELECT "projectId", "stepId", 0, count(*)::int FROM "WorkItem" GROUP BY "projectId", "stepId";

-- Lint hits stored on an item judge its current caption. The inference worker replaces a
-- pre-label nobody has touched yet (the caption changes while no person is its author); the item
-- is then unchecked again. People's edits go through transitions, which store fresh hits.
CREATE FUNCTION "work_item_lint_reset"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "WorkItem" SET "lintRulesKey" = NULL
  WHERE "dataRowId" = NEW."dataRowId" AND "lintRulesKey" IS NOT NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER "Label_lint_reset" AFTER UPDATE OF caption ON "Label"
  FOR EACH ROW
  WHEN (OLD.caption IS DISTINCT FROM NEW.caption AND NEW."createdById" IS NULL)
  EXECUTE FUNCTION "work_item_lint_reset"();
