// Seeds N approved labels for the export benchmark in a handful of set-based statements
// (INSERT … SELECT generate_series): rows, a caption job with one prediction per row, labels that
// labelers edited about half the time, their PRELABEL and APPROVE revisions, and finished work
// items, as the review flow leaves them.
import pg from 'pg';

export interface SeededExportProject {
  projectId: string;
  rows: number;
  seconds: number;
}

export async function seedApprovedLabels(
  databaseUrl: string,
  teamId: string,
  rows: number,
): Promise<SeededExportProject> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // A benchmark database is thrown away afterwards: durability per commit buys nothing here.
    await client.query('SET synchronous_commit = off');
    const members = await client.query<{ userId: string; role: string }>(
      `SELECT "userId", role::text FROM "Membership" WHERE "teamId" = $1`,
      [teamId],
    );
    const byRole = (role: string) => members.rows.find((m) => m.role === role)?.userId ?? null;
    const labelerId = byRole('LABELER');
    const reviewerId = byRole('REVIEWER');
    const project = await client.query<{ id: string }>(
      `INSERT INTO "Project" ("teamId", name, "workflowConfig", "updatedAt")
       VALUES ($1, 'Export benchmark', $2, now()) RETURNING id`,
      [
        teamId,
        JSON.stringify({
          steps: [
            { id: 'label', name: 'Label', type: 'label' },
            { id: 'review', name: 'Review', type: 'review' },
            { id: 'rework', name: 'Rework', type: 'rework' },
            { id: 'done', name: 'Done', type: 'done' },
          ],
        }),
      ],
    );
    const projectId = project.rows[0]!.id;
    const model = await client.query<{ id: string }>(
      `INSERT INTO "ModelVersion" (name, checksum, tiny)
       VALUES ('blip2-opt-2.7b', md5(random()::text) || md5(random()::text), false)
       RETURNING id`,
    );
    const job = await client.query<{ id: string }>(
      `INSERT INTO "CaptionJob" ("projectId", "modelVersionId", "modelName", status, params,
         "totalRows", "doneRows", "startedAt", "finishedAt")
       VALUES ($1, $2, 'blip2-opt-2.7b', 'COMPLETED', '{}', $3, $3, now(), now())
       RETURNING id`,
      [projectId, model.rows[0]!.id, rows],
    );
    await client.query(
      `INSERT INTO "DataRow" ("projectId", "externalId", "sourceUri", "storageKey", sha256,
         "mimeType", "byteSize", width, height)
       SELECT $1::uuid, 'img-' || lpad(g::text, 7, '0') || '.jpg',
         'https://images.example.com/street/img-' || lpad(g::text, 7, '0') || '.jpg',
         'projects/' || $1::text || '/rows/' || md5(g::text) || '.jpg',
         md5(g::text) || md5((g + 1)::text), 'image/jpeg', 120000 + g % 5000, 640, 480
       FROM generate_series(1, $2::int) g`,
      [projectId, rows],
    );
    await client.query(
      `INSERT INTO "Prediction" ("jobId", "dataRowId", "modelVersionId", caption, score,
         "latencyMs", params)
       SELECT $2, r.id, $3,
         'a photograph of a busy street with people and cars number ' || right(r."externalId", 11),
         -1.5 + (random() * 0.5), 40, '{}'
       FROM "DataRow" r WHERE r."projectId" = $1`,
      [projectId, job.rows[0]!.id, model.rows[0]!.id],
    );
    // Approval times spread over the last month, so the export order is a real sort.
    await client.query(
      `INSERT INTO "Label" ("projectId", "dataRowId", caption, status, "sourcePredictionId",
         "createdById", version, "approvedAt", "createdAt", "updatedAt")
       SELECT $1, p."dataRowId",
         CASE WHEN s.edited THEN replace(p.caption, 'busy street', 'quiet avenue at dusk')
              ELSE p.caption END,
         'APPROVED', p.id, CASE WHEN s.edited THEN $2::uuid END, 3, s.at, s.at - interval '1 hour', s.at
       FROM "Prediction" p
       -- Per row from the prediction's id (an uncorrelated random() would run once for all):
       -- about half the labels edited, approval times spread over 30 days.
       CROSS JOIN LATERAL (
         SELECT (hashtext(p.id::text) & 1) = 0 AS edited,
                now() - (abs(hashtext(p.id::text || 'at')) % 2592000) * interval '1 second' AS at
       ) s
       WHERE p."jobId" = $3`,
      [projectId, labelerId, job.rows[0]!.id],
    );
    await client.query(
      `INSERT INTO "LabelRevision" ("labelId", "actorId", action, "stepId", after, "createdAt")
       SELECT l.id, NULL, 'PRELABEL', 'label', p.caption, l."createdAt"
       FROM "Label" l JOIN "Prediction" p ON p.id = l."sourcePredictionId"
       WHERE l."projectId" = $1`,
      [projectId],
    );
    await client.query(
      `INSERT INTO "LabelRevision" ("labelId", "actorId", action, "stepId", comment, "createdAt")
       SELECT l.id, $2::uuid, 'APPROVE', 'review',
         CASE WHEN l."createdById" IS NOT NULL THEN 'reads well' END, l."approvedAt"
       FROM "Label" l WHERE l."projectId" = $1`,
      [projectId, reviewerId],
    );
    await client.query(
      `INSERT INTO "WorkItem" ("projectId", "dataRowId", "stepId", status, version, "updatedAt")
       SELECT $1, r.id, 'done', 'DONE', 4, now()
       FROM "DataRow" r WHERE r."projectId" = $1`,
      [projectId],
    );
    // As autovacuum would soon after a bulk load: statistics, and the label versions that the
    // decisions trigger replaced cleared away.
    await client.query('VACUUM ANALYZE');
    return { projectId, rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}
