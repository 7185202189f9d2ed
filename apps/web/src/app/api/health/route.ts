import { getDb } from '../../../server/db';
import { getRedis } from '../../../server/redis';
import { checkHealth } from '../../../server/services/health';

export const dynamic = 'force-dynamic';

/** GET /api/health: 200 when the database and Redis answer, 503 otherwise (no auth: it is for probes). */
export async function GET(): Promise<Response> {
  const report = await checkHealth(getDb(), getRedis());
  return Response.json(report, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
