-- AlterTable
ALTER TABLE "Label" ADD COLUMN     "decisions" JSONB NOT NULL DEFAULT '[]';

-- Label decisions: each label carries a copy of its APPROVE and REJECT revisions, oldest first, as
-- compact [action, actorId, stepId, comment, at] arrays, so that an export reads them with the
-- label instead of looking up revisions row by row (about half of a large export's database
-- time). LabelRevision stays the history; revisions are append-only, so inserts are the only event
-- to follow. A statement-level trigger with a transition table recomputes the copy of every label
-- a statement gave a decision, whoever writes revisions (the review transitions, seeds, bulk
-- loads), in one UPDATE however many rows the statement inserted.
CREATE FUNCTION "label_decisions"(label_id UUID) RETURNS JSONB LANGUAGE sql STABLE AS $$
  SELECT coalesce(
           jsonb_agg(
             jsonb_build_array(action, "actorId", "stepId", comment,
                               to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
             ORDER BY "createdAt", id),
           '[]'::jsonb)
  FROM "LabelRevision"
  WHERE "labelId" = label_id AND action IN ('APPROVE', 'REJECT')
$$;

CREATE FUNCTION "label_decisions_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Label" SET decisions = "label_decisions"(id)
  WHERE id IN (SELECT "labelId" FROM new_revisions WHERE action IN ('APPROVE', 'REJECT'));
  RETURN NULL;
END $$;

CREATE TRIGGER "label_decisions_refresh"
  AFTER INSERT ON "LabelRevision"
  REFERENCING NEW TABLE AS new_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION "label_decisions_refresh"();

-- Labels reviewed before this migration.
UPDATE "Label" SET decisions = "label_decisions"(id)
WHERE id IN (SELECT "labelId" FROM "LabelRevision" WHERE action IN ('APPROVE', 'REJECT'));
