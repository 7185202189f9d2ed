// Two teams and everything a procedure or route can point at, for the authorization matrix.
// Team A owns one object of every kind, with dedicated targets for the mutations that consume
// theirs (a member to remove, a key to revoke, items each held by the member who may act on
// them). Team B is the outsider whose owner keeps passing team A's ids.
import type { Db } from '@captionary/db';
import { ROLES, type TeamRole } from '@captionary/shared';
import { randomUUID } from 'node:crypto';
import { setLabelState } from '../../src/server/testing/caption-fixtures';
import {
  callerFor,
  createTestTeam,
  createTestUser,
  type TestUser,
} from '../../src/server/testing/fixtures';
import { createReviewFixture } from '../../src/server/testing/review-fixtures';

/** A webhook target the tests allow explicitly (nothing listens there; nothing is delivered). */
export const WEBHOOK_TEST_HOST = '127.0.0.1:9';

export interface TeamA {
  teamId: string;
  members: Record<TeamRole, TestUser & { membershipId: string }>;
  projectId: string;
  rowId: string;
  jobId: string;
  connectionId: string;
  importRunId: string;
  syncRunId: string;
  exportId: string;
  /** `removed` and `removedOverRest` are deleted by the allowed callers. */
  webhooks: { kept: string; removed: string; removedOverRest: string };
  /** A failed delivery of the kept webhook, for redelivery. */
  deliveryId: string;
  apiKeys: { toRevoke: string };
  /** Full keys of team A, one per role, each created by the owner. */
  keys: Record<TeamRole, string>;
  revokedKey: string;
  invitations: { toRevoke: string };
  /** Invite links: one to look at, one for a new account, one for `invitee`'s existing account. */
  inviteTokens: { preview: string; newAccount: string; existingAccount: string };
  /** Members that role changes and removals may consume. */
  spareMembers: { forRoleChange: string; forRemoval: string };
  /** Work items, each in the state the procedure that uses it needs. */
  items: {
    /** Label step, queued. */
    queued: string;
    /** Label step, held by the labeler: submit, skip, release. */
    heldBySubmitter: { id: string; version: number };
    heldForSkip: string;
    heldForRelease: string;
    /** Review step, held by the reviewer: approve and reject. */
    heldForApprove: { id: string; version: number };
    heldForReject: { id: string; version: number };
    /** Held by the owner, whom team A's keys act for (REST review routes). */
    ownerSubmit: { id: string; version: number };
    ownerApprove: { id: string; version: number };
    ownerReject: { id: string; version: number };
  };
  /** Every id of team A, so a reply to another team can be searched for any of them. */
  allIds: string[];
}

export interface AuthorizationWorld {
  db: Db;
  a: TeamA;
  b: { teamId: string; owner: TestUser; ownerKey: string; projectId: string };
  /** OWNER of team B and LABELER of team A: acting in B, team A's ids must stay out of reach. */
  dual: TestUser;
  /** A signed-in user of no team. */
  teamless: TestUser;
  /** A user of no team whom team A invited. */
  invitee: TestUser;
}

const HOUR_MS = 60 * 60 * 1000;

async function holdItem(
  db: Db,
  itemId: string,
  rowId: string,
  holder: string,
  step: 'label' | 'review',
): Promise<{ id: string; version: number }> {
  if (step === 'review') await setLabelState(db, rowId, { status: 'SUBMITTED', stepId: 'review' });
  const item = await db.workItem.update({
    where: { id: itemId },
    data: {
      status: 'CLAIMED',
      claimedById: holder,
      leaseExpiresAt: new Date(Date.now() + HOUR_MS),
    },
    select: { id: true, version: true },
  });
  return item;
}

/** Builds both teams through the real procedures where they exist, straight rows otherwise. */
export async function createAuthorizationWorld(db: Db): Promise<AuthorizationWorld> {
  const fixture = await createReviewFixture(db, { rows: 10 });
  const teamId = fixture.teamId;
  const members = {} as TeamA['members'];
  for (const role of ROLES) {
    const membership = await db.membership.findFirstOrThrow({
      where: { teamId, userId: fixture.members[role].id },
      select: { id: true },
    });
    members[role] = { ...fixture.members[role], membershipId: membership.id };
  }
  const owner = callerFor(db, members.OWNER, teamId);
  const { projectId, rowIds, itemIds } = fixture;
  const itemOf = (index: number) => ({ id: itemIds[index]!, row: rowIds[index]! });

  const hold = (index: number, role: TeamRole, step: 'label' | 'review') =>
    holdItem(db, itemOf(index).id, itemOf(index).row, members[role].id, step);
  const items: TeamA['items'] = {
    queued: itemOf(0).id,
    heldBySubmitter: await hold(1, 'LABELER', 'label'),
    heldForSkip: (await hold(2, 'LABELER', 'label')).id,
    heldForRelease: (await hold(3, 'LABELER', 'label')).id,
    heldForApprove: await hold(4, 'REVIEWER', 'review'),
    heldForReject: await hold(5, 'REVIEWER', 'review'),
    ownerSubmit: await hold(6, 'OWNER', 'label'),
    ownerApprove: await hold(7, 'OWNER', 'review'),
    ownerReject: await hold(8, 'OWNER', 'review'),
  };

  const job = await db.captionJob.findFirstOrThrow({ where: { projectId }, select: { id: true } });
  const { connection } = await owner.dataConnections.create({
    projectId,
    kind: 'UPLOAD',
    name: 'Uploads',
  });
  const importRun = await owner.dataConnections.beginUpload({ connectionId: connection.id });
  const syncRun = await db.syncRun.create({
    data: { projectId, connectionId: connection.id, status: 'SUCCEEDED', finishedAt: new Date() },
    select: { id: true },
  });
  const exported = await db.export.create({
    data: { projectId, format: 'JSONL', status: 'QUEUED', createdById: members.OWNER.id },
    select: { id: true },
  });
  const webhook = (url: string) =>
    owner.webhooks.create({ projectId, url, events: ['label.approved'] });
  const webhooks = {
    kept: (await webhook(`http://${WEBHOOK_TEST_HOST}/kept`)).webhook.id,
    removed: (await webhook(`http://${WEBHOOK_TEST_HOST}/removed`)).webhook.id,
    removedOverRest: (await webhook(`http://${WEBHOOK_TEST_HOST}/removed-over-rest`)).webhook.id,
  };
  const delivery = await db.webhookDelivery.create({
    data: { webhookId: webhooks.kept, event: 'label.approved', payload: {}, status: 'FAILED' },
    select: { id: true },
  });

  const keys = {} as Record<TeamRole, string>;
  const keyIds: string[] = [];
  for (const role of ROLES) {
    const created = await owner.apiKeys.create({ name: `${role} key`, role });
    keys[role] = created.key;
    keyIds.push(created.apiKey.id);
  }
  const toRevoke = await owner.apiKeys.create({ name: 'to revoke', role: 'LABELER' });
  const revoked = await owner.apiKeys.create({ name: 'revoked', role: 'OWNER' });
  await owner.apiKeys.revoke({ apiKeyId: revoked.apiKey.id });
  const invite = (email: string) => owner.invitations.create({ email, role: 'LABELER' });
  const newEmail = () => `invitee-${randomUUID()}@test.captionary.dev`;
  const invitation = await invite(newEmail());
  const invitee = await createTestUser(db, 'invitee');
  const tokenOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const inviteTokens = {
    preview: tokenOf((await invite(newEmail())).path),
    newAccount: tokenOf((await invite(newEmail())).path),
    existingAccount: tokenOf((await invite(invitee.email)).path),
  };

  const spare = async (label: string) => {
    const user = await createTestUser(db, label);
    const membership = await db.membership.create({
      data: { teamId, userId: user.id, role: 'LABELER' },
      select: { id: true },
    });
    return { user, membershipId: membership.id };
  };
  const forRoleChange = await spare('spare-role');
  const forRemoval = await spare('spare-removal');

  const teamB = await createTestTeam(db, ['OWNER']);
  const bOwner = teamB.members.OWNER;
  const bProject = await callerFor(db, bOwner, teamB.teamId).projects.create({ name: 'B' });
  const bKey = await callerFor(db, bOwner, teamB.teamId).apiKeys.create({
    name: 'B owner key',
    role: 'OWNER',
  });
  const dual = await createTestUser(db, 'dual');
  // Joins B first, so B is the active team unless A is asked for.
  await db.membership.create({ data: { teamId: teamB.teamId, userId: dual.id, role: 'OWNER' } });
  await db.membership.create({ data: { teamId, userId: dual.id, role: 'LABELER' } });
  const teamless = await createTestUser(db, 'teamless');

  const a: TeamA = {
    teamId,
    members,
    projectId,
    rowId: rowIds[9]!,
    jobId: job.id,
    connectionId: connection.id,
    importRunId: importRun.id,
    syncRunId: syncRun.id,
    exportId: exported.id,
    webhooks,
    deliveryId: delivery.id,
    apiKeys: { toRevoke: toRevoke.apiKey.id },
    keys,
    revokedKey: revoked.key,
    invitations: { toRevoke: invitation.invitation.id },
    inviteTokens,
    spareMembers: {
      forRoleChange: forRoleChange.membershipId,
      forRemoval: forRemoval.membershipId,
    },
    items,
    allIds: [],
  };
  a.allIds = [
    teamId,
    projectId,
    ...rowIds,
    ...itemIds,
    job.id,
    connection.id,
    importRun.id,
    syncRun.id,
    exported.id,
    webhooks.kept,
    webhooks.removed,
    webhooks.removedOverRest,
    delivery.id,
    ...keyIds,
    toRevoke.apiKey.id,
    revoked.apiKey.id,
    invitation.invitation.id,
    forRoleChange.membershipId,
    forRemoval.membershipId,
    ...Object.values(members).flatMap((member) => [member.id, member.membershipId]),
  ];
  return {
    db,
    a,
    b: { teamId: teamB.teamId, owner: bOwner, ownerKey: bKey.key, projectId: bProject.id },
    dual,
    teamless,
    invitee,
  };
}
