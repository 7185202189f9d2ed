-- AlterTable
ALTER TABLE "Label" ADD COLUMN     "decisions" JSONB NOT NULL DEFAULT '[]';

-- Label decisions: each label carries a copy of its APPROVE and REJECT revisions, oldest first, as
-- compact [action, actorId, stepId, comment, at] arrays, so that an export reads them with the
-- label instead of looking up revisions row by row (about half of a large export's database
-- time). LabelRevision stays the history. A statement-level trigger with a transition table
-- recomputes the copy of every label a statement gave a decision, whoever writes revisions (the
-- review transitions, seeds, bulk loads), in one set-based UPDATE however many rows it inserted.
-- Revisions are append-only, so inserts are the only event to follow.
CREATE FUNCTION "label_decisions_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Label" l
  SET decisions = d.decisions
  FROM (
    SELECT r."labelId",
           jsonb_agg(
             jsonb_build_array(r.action, r."actorId", r."stepId", r.comment,
                               to_char(r."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
             ORDER BY r."createdAt", r.id) AS decisions
    FROM "LabelRevision" r
    WHERE r.action IN ('APPROVE', 'REJECT')
      AND r."labelId" IN (
        SELECT "labelId" FROM new_revisions WHERE action IN ('APPROVE', 'REJECT'))
    GROUP BY r."labelId"
  ) d
  WHERE l.id = d."labelId";
  RETURN NULL;
END $$;

CREATE TRIGGER "label_decisions_refresh"
  AFTER INSERT ON "LabelRevision"
  REFERENCING NEW TABLE AS new_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION "label_decisions_refresh"();

-- Labels reviewed before this migration.
UPDATE "Label" l
SET decisions = d.decisions
FROM (
  SELECT r."labelId",
         jsonb_agg(
           jsonb_build_array(r.action, r."actorId", r."stepId", r.comment,
                             to_char(r."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
           ORDER BY r."createdAt", r.id) AS decisions
  FROM "LabelRevision" r
  WHERE r.action IN ('APPROVE', 'REJECT')
  GROUP BY r."labelId"
) d
WHERE l.id = d."labelId";
