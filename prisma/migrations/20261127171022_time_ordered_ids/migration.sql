-- Ids that sort by creation time (UUID version 7, RFC 9562): a 48-bit Unix time in milliseconds,
-- the version, 12 bits of the sub-millisecond fraction, then the random half of a v4 UUID (its
-- variant bits included). Rows created together get neighbouring ids, so an index on an id or on
-- a reference to one (Label."dataRowId", WorkItem."dataRowId", …) keeps rows created together in
-- the same few pages: reading a run of rows in order touches a handful of index pages instead of
-- one per row, and inserts append instead of landing on random pages.
CREATE FUNCTION uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE
AS $$
  SELECT encode(
    substring(int8send(micros / 1000) FROM 3)
      || int2send((x'7000'::int + (micros % 1000) * 4096 / 1000)::int2)
      || substring(uuid_send(gen_random_uuid()) FROM 9),
    'hex')::uuid
  FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS micros) now_in_micros
$$;

-- AlterTable
ALTER TABLE "ApiKey" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "AuditEvent" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "CaptionJob" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "CaptionJobBatch" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "DataConnection" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "DataRow" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "Export" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "ImportRun" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "Invitation" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "Label" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "LabelRevision" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "Membership" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "ModelVersion" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "Prediction" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "Project" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "ReviewComment" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "SyncRun" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "Team" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "Webhook" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "WebhookDelivery" ALTER COLUMN "id" SET DEFAULT uuid_v7();

-- AlterTable
ALTER TABLE "WorkItem" ALTER COLUMN "id" SET DEFAULT uuid_v7();
