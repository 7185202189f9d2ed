// Time per item and items per hour per person, from the append-only revision history.
import type { Db } from '@captionary/db';

/** One person's pace in a project. */
export interface PersonPace {
  /** Submits, approvals and rejections they made. */
  items: number;
  /** Mean seconds per item (see workSpanSql for how a span is measured); null when unknown. */
  meanSecondsPerItem: number | null;
  /** Items divided by the clock hours in which they finished at least one item. */
  itemsPerHour: number;
}

interface PaceRow {
  actor_id: string;
  items: number;
  mean_seconds: number | null;
  active_hours: number;
}

/**
 * Claims are leases, not history, so the time an item took is measured between revisions: from
 * the later of (a) the item's previous revision (when it entered the step it was finished in) and
 * (b) the same person's previous submit/approve/reject in this project, to this one. For someone
 * working through a queue, that is claim-to-submit. A span longer than one lease counts as one
 * lease: no claim lasts longer, so the rest was waiting or a break.
 */
export async function paceByPerson(
  db: Db,
  projectId: string,
  leaseSeconds: number,
): Promise<Map<string, PersonPace>> {
  const rows = await db.$queryRaw<PaceRow[]>`
    WITH revisions AS (
      SELECT r.id, r."actorId", r.action, r."createdAt",
             lag(r."createdAt") OVER (PARTITION BY r."labelId" ORDER BY r."createdAt", r.id) AS entered_at
      FROM "LabelRevision" r JOIN "Label" l ON l.id = r."labelId"
      WHERE l."projectId" = ${projectId}::uuid
    ), finishes AS (
      SELECT "actorId", "createdAt", entered_at,
             lag("createdAt") OVER (PARTITION BY "actorId" ORDER BY "createdAt", id) AS previous_finish
      FROM revisions
      WHERE action IN ('SUBMIT', 'APPROVE', 'REJECT') AND "actorId" IS NOT NULL
    ), spans AS (
      -- greatest() skips nulls: a first item is timed from when it entered the step alone.
      SELECT "actorId", "createdAt",
             least(extract(epoch FROM "createdAt" - greatest(entered_at, previous_finish)),
                   ${leaseSeconds}::float8) AS seconds
      FROM finishes
    )
    SELECT "actorId"::text AS actor_id, count(*)::int AS items,
           avg(seconds)::float8 AS mean_seconds,
           count(DISTINCT date_trunc('hour', "createdAt"))::int AS active_hours
    FROM spans GROUP BY "actorId"`;
  return new Map(
    rows.map((row) => [
      row.actor_id,
      {
        items: row.items,
        meanSecondsPerItem: row.mean_seconds,
        itemsPerHour: row.active_hours > 0 ? row.items / row.active_hours : 0,
      },
    ]),
  );
}
