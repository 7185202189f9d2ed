import type { Prisma } from '@captionary/db';
import type { DbClient, TeamActor } from './actor';

/** Audit actions this layer records; later features add their own. */
export type AuditAction =
  | 'team.created'
  | 'member.role_changed'
  | 'member.removed'
  | 'member.joined'
  | 'invitation.created'
  | 'invitation.revoked'
  | 'invitation.accepted'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'project.created'
  | 'project.updated'
  | 'project.archived'
  | 'project.unarchived'
  | 'caption_job.launched'
  | 'caption_job.cancelled'
  | 'caption_job.retried'
  | 'project.workflow_updated'
  | 'project.lint_rules_updated'
  | 'work_item.assigned';

interface AuditEntry {
  action: AuditAction;
  targetType:
    'team' | 'membership' | 'invitation' | 'api_key' | 'project' | 'caption_job' | 'work_item';
  targetId: string;
  metadata?: Prisma.InputJsonObject;
}

/** Appends an audit event; pass the transaction that made the change so both commit together. */
export async function recordAudit(
  db: DbClient,
  actor: Pick<TeamActor, 'teamId' | 'userId' | 'apiKeyId'>,
  entry: AuditEntry,
): Promise<void> {
  await db.auditEvent.create({
    data: {
      teamId: actor.teamId,
      actorUserId: actor.userId,
      apiKeyId: actor.apiKeyId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: entry.metadata ?? {},
    },
  });
}
