// Lint hits as queue filters. Lint rules run in TypeScript (Unicode word segmentation), so the
// database cannot judge captions itself: each work item stores the rule names its caption breaks
// (lintHits) with the key of the rules that judged it (lintRulesKey). Transitions store them as
// they write a caption; items nobody has checked yet (new pre-labels, rules changed since) are
// checked here in batches, in queue order, as filtered queues are worked and counted.
import { Prisma } from '@captionary/db';
import {
  lintCaption,
  parseStoredLintRules,
  type LintRules,
  type QueueLintFilter,
} from '@captionary/shared';
import { createHash } from 'node:crypto';
import type { DbClient } from '../actor';

/** A project's lint rules with the key their judgements are stored under. */
export interface KeyedLintRules {
  rules: LintRules;
  key: string;
}

/** The stored rules, defaults filled in, keyed by their content (not by when they changed). */
export function keyedLintRules(stored: unknown): KeyedLintRules {
  const rules = parseStoredLintRules(stored);
  const key = createHash('sha256').update(JSON.stringify(rules)).digest('base64url').slice(0, 16);
  return { rules, key };
}

/** The names of the rules `caption` breaks, each once. */
export function lintHitRules(caption: string, rules: LintRules, prelabel: string | null): string[] {
  return [...new Set(lintCaption(caption, rules, prelabel).map((hit) => hit.rule))];
}

/** SQL condition on "WorkItem" (no alias) for items that match the filter; TRUE without one. */
export function lintFilterCondition(filter: QueueLintFilter | undefined, key: string): Prisma.Sql {
  if (!filter) return Prisma.sql`TRUE`;
  if (filter === 'any') {
    return Prisma.sql`("lintRulesKey" = ${key} AND cardinality("lintHits") > 0)`;
  }
  return Prisma.sql`("lintRulesKey" = ${key} AND ${filter} = ANY("lintHits"))`;
}

interface UncheckedItem {
  id: string;
  version: number;
  labelVersion: number;
  caption: string;
  prelabel: string | null;
}

/**
 * Checks up to `limit` waiting items of the step whose captions were not judged by the current
 * rules (oldest first) and stores their hits. Returns how many it checked; 0 means none is left.
 * A caption that changes meanwhile (the item's or its label's version moved) is left unchecked.
 */
export async function checkUncheckedItems(
  db: DbClient,
  { projectId, stepId }: { projectId: string; stepId: string },
  lint: KeyedLintRules,
  limit: number,
): Promise<number> {
  const items = await db.$queryRaw<UncheckedItem[]>`
    WITH unchecked AS (
      (SELECT id, version, "dataRowId", "enteredStepAt" FROM "WorkItem"
       WHERE "projectId" = ${projectId}::uuid AND "stepId" = ${stepId} AND status = 'QUEUED'
         AND "lintRulesKey" IS NULL
       ORDER BY "enteredStepAt" LIMIT ${limit})
      UNION ALL
      (SELECT id, version, "dataRowId", "enteredStepAt" FROM "WorkItem"
       WHERE "projectId" = ${projectId}::uuid AND "stepId" = ${stepId}
         AND status IN ('QUEUED', 'CLAIMED') AND "lintRulesKey" <> ${lint.key}
       LIMIT ${limit})
      UNION ALL
      (SELECT id, version, "dataRowId", "enteredStepAt" FROM "WorkItem"
       WHERE "projectId" = ${projectId}::uuid AND "stepId" = ${stepId} AND status = 'CLAIMED'
         AND "lintRulesKey" IS NULL
       LIMIT ${limit})
    )
    SELECT u.id, u.version, l.version AS "labelVersion", l.caption, pr.caption AS prelabel
    FROM (SELECT * FROM unchecked ORDER BY "enteredStepAt" LIMIT ${limit}) u
    JOIN "Label" l ON l."dataRowId" = u."dataRowId"
    LEFT JOIN "Prediction" pr ON pr.id = l."sourcePredictionId"`;
  if (!items.length) return 0;
  const hits = items.map((item) =>
    JSON.stringify(lintHitRules(item.caption, lint.rules, item.prelabel)),
  );
  // Hits travel as JSON text per item: Postgres cannot unnest a ragged text[][].
  await db.$executeRaw`
    UPDATE "WorkItem" w
    SET "lintHits" = ARRAY(SELECT jsonb_array_elements_text(u.hits::jsonb)),
        "lintRulesKey" = ${lint.key}
    FROM unnest(${items.map((i) => i.id)}::uuid[], ${items.map((i) => i.version)}::int[],
                ${items.map((i) => i.labelVersion)}::int[], ${hits}::text[])
         AS u(id, version, "labelVersion", hits),
         "Label" l
    WHERE w.id = u.id AND w.version = u.version
      AND l."dataRowId" = w."dataRowId" AND l.version = u."labelVersion"`;
  return items.length;
}
