-- Review transitions are single guarded statements (no explicit transaction), so the check that a
-- project's workflow is still the one a transition routed with lives in the database.

-- The advisory lock key shared by workflow changes (exclusive) and transitions (shared).
CREATE FUNCTION workflow_lock_key(project_id UUID) RETURNS BIGINT
LANGUAGE sql IMMUTABLE AS $$
  SELECT hashtextextended('workflow:' || project_id::text, 0)
$$;

-- Takes the project's workflow lock shared, then reads the stored workflow. A VOLATILE function's
-- statements each take a fresh snapshot, so a workflow change that committed while this waited for
-- the lock is seen, although the calling statement's own snapshot predates it.
CREATE FUNCTION workflow_is_current(project_id UUID, workflow JSONB) RETURNS BOOLEAN
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(workflow_lock_key(project_id));
  RETURN EXISTS (SELECT 1 FROM "Project" WHERE id = project_id AND "workflowConfig" = workflow);
END
$$;
