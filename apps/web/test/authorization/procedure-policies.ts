// The access rule of every tRPC procedure, and an input aimed at team A's objects. The matrix
// test fails when a procedure of the router has no entry here, or an entry names none.
import { defaultWorkflow, type TeamRole } from '@captionary/shared';
import type { TestUser } from '../../src/server/testing/fixtures';
import { WEBHOOK_TEST_HOST, type AuthorizationWorld } from './authorization-world';

export type ProcedureAccess =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  /** A member of the active team with at least `role`. */
  | { kind: 'team'; role: TeamRole };

/**
 * What another team's owner gets when passing team A's input:
 * - NOT_FOUND / FORBIDDEN: refused, with that code;
 * - own-team-only: answered about their own team, with none of team A's ids in the reply;
 * - not-applicable: nothing of a team is named (public invite links, creating a team).
 */
export type ForeignRule = 'NOT_FOUND' | 'FORBIDDEN' | 'own-team-only' | 'not-applicable';

export interface ProcedurePolicy {
  access: ProcedureAccess;
  foreign: ForeignRule;
  /** A valid input naming team A's objects. */
  input: (world: AuthorizationWorld) => unknown;
  /** Who shows that the rule lets the right caller in (team procedures: the member with the role). */
  allowedAs?: (world: AuthorizationWorld) => TestUser | null;
}

const team = (role: TeamRole): ProcedureAccess => ({ kind: 'team', role });
const none = () => undefined;
const project = (w: AuthorizationWorld) => ({ projectId: w.a.projectId });

export const PROCEDURE_POLICIES: Record<string, ProcedurePolicy> = {
  // Teams and members
  'teams.current': { access: { kind: 'signed-in' }, foreign: 'own-team-only', input: none },
  'teams.create': {
    access: { kind: 'signed-in' },
    foreign: 'not-applicable',
    input: () => ({ name: 'Another team' }),
  },
  'teams.switch': {
    access: { kind: 'signed-in' },
    foreign: 'NOT_FOUND',
    input: (w) => ({ teamId: w.a.teamId }),
    allowedAs: (w) => w.a.members.LABELER,
  },
  'teams.members': { access: team('LABELER'), foreign: 'own-team-only', input: none },
  'teams.changeRole': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ membershipId: w.a.spareMembers.forRoleChange, role: 'REVIEWER' }),
  },
  'teams.removeMember': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ membershipId: w.a.spareMembers.forRemoval }),
  },

  // Invitations
  'invitations.create': {
    access: team('ADMIN'),
    foreign: 'own-team-only',
    input: () => ({
      email: `new-${Math.random().toString(36).slice(2)}@test.dev`,
      role: 'LABELER',
    }),
  },
  'invitations.list': { access: team('ADMIN'), foreign: 'own-team-only', input: none },
  'invitations.revoke': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ invitationId: w.a.invitations.toRevoke }),
  },
  'invitations.preview': {
    access: { kind: 'public' },
    foreign: 'not-applicable',
    input: (w) => ({ token: w.a.inviteTokens.preview }),
  },
  'invitations.acceptWithNewAccount': {
    access: { kind: 'public' },
    foreign: 'not-applicable',
    input: (w) => ({
      token: w.a.inviteTokens.newAccount,
      name: 'New member',
      password: 'a long enough password',
    }),
  },
  'invitations.accept': {
    access: { kind: 'signed-in' },
    // The link is for someone else's email address.
    foreign: 'FORBIDDEN',
    input: (w) => ({ token: w.a.inviteTokens.existingAccount }),
    allowedAs: (w) => w.invitee,
  },

  // Projects and workflows
  'projects.list': { access: team('LABELER'), foreign: 'own-team-only', input: none },
  'projects.get': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'projects.create': {
    access: team('ADMIN'),
    foreign: 'own-team-only',
    input: () => ({ name: 'Created' }),
  },
  'projects.update': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ projectId: w.a.projectId, description: 'Updated' }),
  },
  'projects.workflow': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'projects.updateWorkflow': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ projectId: w.a.projectId, workflow: defaultWorkflow() }),
  },
  'projects.setArchived': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ projectId: w.a.projectId, archived: false }),
  },

  // API keys
  'apiKeys.list': { access: team('ADMIN'), foreign: 'own-team-only', input: none },
  'apiKeys.create': {
    access: team('ADMIN'),
    foreign: 'own-team-only',
    input: () => ({ name: 'created', role: 'LABELER' }),
  },
  'apiKeys.revoke': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ apiKeyId: w.a.apiKeys.toRevoke }),
  },

  // Dataset
  'dataRows.browse': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'dataRows.count': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'dataRows.get': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ rowId: w.a.rowId }),
  },

  // Caption jobs
  'captionJobs.models': { access: team('ADMIN'), foreign: 'NOT_FOUND', input: project },
  'captionJobs.preview': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => launchInput(w),
  },
  'captionJobs.launch': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => launchInput(w),
  },
  'captionJobs.list': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'captionJobs.get': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ jobId: w.a.jobId }),
  },
  'captionJobs.failures': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ jobId: w.a.jobId }),
  },
  'captionJobs.cancel': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ jobId: w.a.jobId }),
  },
  'captionJobs.retryFailed': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ jobId: w.a.jobId }),
  },

  // Data connections and imports
  'dataConnections.list': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'dataConnections.capabilities': {
    access: team('LABELER'),
    foreign: 'own-team-only',
    input: none,
  },
  'dataConnections.create': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ projectId: w.a.projectId, kind: 'UPLOAD', name: 'More uploads' }),
  },
  'dataConnections.startImport': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ connectionId: w.a.connectionId }),
  },
  'dataConnections.resync': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ connectionId: w.a.connectionId }),
  },
  'dataConnections.replaceUrlList': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ connectionId: w.a.connectionId, listText: 'https://example.com/a.jpg' }),
  },
  'dataConnections.beginUpload': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ connectionId: w.a.connectionId }),
  },
  'dataConnections.runs': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'dataConnections.run': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ importRunId: w.a.importRunId }),
  },

  // Sync back to the source
  'sync.connections': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'sync.runs': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'sync.run': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ syncRunId: w.a.syncRunId }),
  },
  'sync.start': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ connectionId: w.a.connectionId }),
  },
  'sync.setS3Prefix': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ connectionId: w.a.connectionId, syncPrefix: 'captions/' }),
  },

  // Webhooks
  'webhooks.capabilities': { access: team('ADMIN'), foreign: 'own-team-only', input: none },
  'webhooks.list': { access: team('ADMIN'), foreign: 'NOT_FOUND', input: project },
  'webhooks.create': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({
      projectId: w.a.projectId,
      url: `http://${WEBHOOK_TEST_HOST}/created`,
      events: ['job.completed'],
    }),
  },
  'webhooks.update': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ webhookId: w.a.webhooks.kept, active: true }),
  },
  'webhooks.remove': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ webhookId: w.a.webhooks.removed }),
  },
  'webhooks.rotateSecret': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ webhookId: w.a.webhooks.kept }),
  },
  'webhooks.deliveries': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ webhookId: w.a.webhooks.kept }),
  },
  'webhooks.redeliver': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ deliveryId: w.a.deliveryId }),
  },

  // Exports
  'exports.start': {
    access: team('REVIEWER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ projectId: w.a.projectId, format: 'jsonl' }),
  },
  'exports.list': { access: team('REVIEWER'), foreign: 'NOT_FOUND', input: project },
  'exports.get': {
    access: team('REVIEWER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ exportId: w.a.exportId }),
  },
  'exports.filterOptions': { access: team('REVIEWER'), foreign: 'NOT_FOUND', input: project },

  // Review queues: the label step is the labelers', the review step the reviewers'.
  'review.queues': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'review.claimNext': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ projectId: w.a.projectId, stepId: 'label' }),
  },
  // The labeler takes back an item they already hold (as "keep mine" after a conflict does).
  'review.claimItem': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ itemId: w.a.items.heldBySubmitter.id }),
  },
  'review.get': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ itemId: w.a.items.queued }),
  },
  'review.submit': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({
      itemId: w.a.items.heldBySubmitter.id,
      version: w.a.items.heldBySubmitter.version,
      caption: 'a red square on a white table',
    }),
  },
  'review.approve': {
    access: team('REVIEWER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({
      itemId: w.a.items.heldForApprove.id,
      version: w.a.items.heldForApprove.version,
    }),
  },
  'review.reject': {
    access: team('REVIEWER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({
      itemId: w.a.items.heldForReject.id,
      version: w.a.items.heldForReject.version,
      comment: 'Name the colour',
    }),
  },
  'review.skip': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ itemId: w.a.items.heldForSkip }),
  },
  'review.release': {
    access: team('LABELER'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ itemId: w.a.items.heldForRelease }),
  },
  'review.assign': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ itemId: w.a.items.queued, userId: w.a.members.LABELER.id }),
  },
  'review.lintRules': { access: team('LABELER'), foreign: 'NOT_FOUND', input: project },
  'review.updateLintRules': {
    access: team('ADMIN'),
    foreign: 'NOT_FOUND',
    input: (w) => ({ projectId: w.a.projectId, rules: { minWords: 2 } }),
  },

  // Analytics
  'analytics.project': { access: team('REVIEWER'), foreign: 'NOT_FOUND', input: project },
};

function launchInput(w: AuthorizationWorld) {
  return {
    projectId: w.a.projectId,
    selection: { kind: 'all' },
    modelName: 'tiny-blip2',
    params: {},
  };
}
