'use client';

import { HealthReport } from '@captionary/shared';
import { useQuery } from '@tanstack/react-query';

async function fetchHealth(): Promise<HealthReport> {
  // 503 still carries a report: read the body whatever the status.
  const response = await fetch('/api/health', { cache: 'no-store' });
  return HealthReport.parse(await response.json());
}

/** What the team should know about captioning and background work right now, from /api/health. */
export function InferenceBanner() {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: fetchHealth,
    refetchInterval: 15_000,
    retry: false,
  });
  if (health.isPending) return null;
  const message = bannerMessage(health.data);
  if (!message) return null;
  return (
    <div className={`banner banner--${message.tone}`} role="status" data-testid="inference-banner">
      <div className="banner__inner">{message.text}</div>
    </div>
  );
}

function bannerMessage(
  report: HealthReport | undefined,
): { tone: 'warning' | 'danger'; text: string } | null {
  if (!report) return { tone: 'danger', text: 'Cannot reach the server health check.' };
  if (!report.db.ok) return { tone: 'danger', text: 'The database is not answering.' };
  if (!report.redis.ok) {
    return { tone: 'danger', text: 'Redis is not answering: caption jobs cannot be queued.' };
  }
  if (!report.model) {
    return {
      tone: 'warning',
      text: 'No inference worker is running: caption jobs will wait in the queue.',
    };
  }
  if (report.jobs.length === 0) {
    return {
      tone: 'warning',
      text: 'No jobs process is running: imports, exports, sync-back runs and webhooks will wait in the queue.',
    };
  }
  if (report.model.tiny) {
    return {
      tone: 'warning',
      text: `Tiny model loaded (${report.model.name}) — captions are placeholders, not real descriptions.`,
    };
  }
  return null;
}
