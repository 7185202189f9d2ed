// Stored XSS: markup goes in through the real write path (REST with an API key, or tRPC), is
// stored and returned as the exact text, and the component that shows it renders it as text.
import type { Db } from '@captionary/db';
import type { WorkItemView } from '@captionary/shared';
import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProjectsDashboard } from '../../src/app/(app)/_components/projects-dashboard';
import { TeamSwitcher } from '../../src/app/(app)/_components/team-switcher';
import { CaptionEditor } from '../../src/app/(app)/projects/[projectId]/review/_components/caption-editor';
import { MembersPanel } from '../../src/app/(app)/team/members/members-panel';
import { GET as getProjectRoute } from '../../src/app/api/v1/projects/[projectId]/route';
import { POST as claimRoute } from '../../src/app/api/v1/projects/[projectId]/steps/[stepId]/claim/route';
import { POST as createProjectRoute } from '../../src/app/api/v1/projects/route';
import { POST as rejectRoute } from '../../src/app/api/v1/work-items/[itemId]/reject/route';
import { POST as submitRoute } from '../../src/app/api/v1/work-items/[itemId]/submit/route';
import { callerFor, createTestUser, testDb } from '../../src/server/testing/fixtures';
import { createReviewFixture, type ReviewFixture } from '../../src/server/testing/review-fixtures';
import { expectNoLeak } from './expectations';
import { expectRenderedAsText, renderWithProviders } from './render-html';
import { xssCases, type XssField } from './xss.cases';

let db: Db;

beforeAll(() => {
  db = testDb();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

/** What a case observed: the stored text, the text an API returned, and the rendered HTML. */
interface Observed {
  stored: string | null;
  returned: string;
  html: string;
}

function restPost(path: string, key: string, body?: unknown): Request {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function restKey(fixture: ReviewFixture, role: 'LABELER' | 'REVIEWER' | 'ADMIN') {
  const owner = callerFor(db, fixture.members.OWNER, fixture.teamId);
  return (await owner.apiKeys.create({ name: role, role })).key;
}

function renderEditor(item: WorkItemView): string {
  return renderWithProviders(
    createElement(CaptionEditor, {
      item,
      lintRules: undefined,
      stepNames: new Map(item.step ? [[item.step.id, item.step.name]] : []),
      busy: false,
      onCommand: () => {},
      onHelp: () => {},
      onNext: () => {},
      onMessage: () => {},
    }),
  );
}

/** Claims the next item of `stepId` through REST and answers `action` with `body`. */
async function restTransition(
  fixture: ReviewFixture,
  key: string,
  stepId: string,
  action: 'submit' | 'reject',
  body: Record<string, unknown>,
) {
  const { projectId } = fixture;
  const claimed = await claimRoute(
    restPost(`/api/v1/projects/${projectId}/steps/${stepId}/claim`, key),
    {
      params: Promise.resolve({ projectId, stepId }),
    },
  );
  const { item } = (await claimed.json()) as { item: { id: string; version: number } };
  const route = action === 'submit' ? submitRoute : rejectRoute;
  const response = await route(
    restPost(`/api/v1/work-items/${item.id}/${action}`, key, { ...body, version: item.version }),
    { params: Promise.resolve({ itemId: item.id }) },
  );
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expectNoLeak(text, [key]);
  return item.id;
}

const scenarios: Record<XssField, (payload: string) => Promise<Observed>> = {
  async caption(payload) {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const itemId = await restTransition(
      fixture,
      await restKey(fixture, 'LABELER'),
      'label',
      'submit',
      {
        caption: payload,
      },
    );
    const reviewer = callerFor(db, fixture.members.REVIEWER, fixture.teamId);
    const view = await reviewer.review.claimNext({
      projectId: fixture.projectId,
      stepId: 'review',
    });
    expect(view?.id).toBe(itemId);
    const label = await db.label.findFirstOrThrow({ where: { projectId: fixture.projectId } });
    return { stored: label.caption, returned: view!.caption.text, html: renderEditor(view!) };
  },

  async rejectComment(payload) {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const labeler = callerFor(db, fixture.members.LABELER, fixture.teamId);
    const first = await labeler.review.claimNext({ projectId: fixture.projectId, stepId: 'label' });
    await labeler.review.submit({ itemId: first!.id, version: first!.version, caption: 'A dog.' });
    await restTransition(fixture, await restKey(fixture, 'REVIEWER'), 'review', 'reject', {
      comment: payload,
    });
    const view = await labeler.review.claimNext({ projectId: fixture.projectId, stepId: 'rework' });
    const comment = await db.reviewComment.findFirstOrThrow({ where: { workItemId: first!.id } });
    return { stored: comment.body, returned: view!.comments[0]!.body, html: renderEditor(view!) };
  },

  async captionInstructions(payload) {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const admin = callerFor(db, fixture.members.ADMIN, fixture.teamId);
    await admin.projects.update({ projectId: fixture.projectId, captionInstructions: payload });
    const labeler = callerFor(db, fixture.members.LABELER, fixture.teamId);
    const view = await labeler.review.claimNext({ projectId: fixture.projectId, stepId: 'label' });
    const project = await db.project.findUniqueOrThrow({ where: { id: fixture.projectId } });
    return {
      stored: project.captionInstructions,
      returned: view!.instructions,
      html: renderEditor(view!),
    };
  },

  async projectName(payload) {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const key = await restKey(fixture, 'ADMIN');
    const created = await createProjectRoute(restPost('/api/v1/projects', key, { name: payload }), {
      params: Promise.resolve({}),
    });
    expect(created.status).toBe(201);
    const { project } = (await created.json()) as { project: { id: string } };
    const fetched = await getProjectRoute(
      new Request(`http://localhost/api/v1/projects/${project.id}`, {
        headers: { authorization: `Bearer ${key}` },
      }),
      { params: Promise.resolve({ projectId: project.id }) },
    );
    const body = (await fetched.json()) as { project: { name: string } };
    const member = callerFor(db, fixture.members.LABELER, fixture.teamId);
    const list = await member.projects.list({ includeArchived: false });
    const html = renderWithProviders(
      createElement(ProjectsDashboard, { teamName: 'Team', canManage: false }),
      (trpc, queryClient) =>
        queryClient.setQueryData(trpc.projects.list.queryKey({ includeArchived: false }), list),
    );
    const stored = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    return { stored: stored.name, returned: body.project.name, html };
  },

  async teamName(payload) {
    const user = await createTestUser(db, 'founder');
    const caller = callerFor(db, user);
    const team = await caller.teams.create({ name: payload });
    const { teams } = await callerFor(db, user, team.id).teams.current();
    const html = renderWithProviders(createElement(TeamSwitcher, { teams, activeTeamId: team.id }));
    const stored = await db.team.findUniqueOrThrow({ where: { id: team.id } });
    return { stored: stored.name, returned: teams.find((t) => t.id === team.id)!.name, html };
  },

  async memberName(payload) {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const owner = callerFor(db, fixture.members.OWNER, fixture.teamId);
    const email = `named-${Date.now()}@test.captionary.dev`;
    const { path } = await owner.invitations.create({ email, role: 'LABELER' });
    await callerFor(db, null).invitations.acceptWithNewAccount({
      token: path.replace('/invite/', ''),
      name: payload,
      password: 'a long enough password',
    });
    const members = await owner.teams.members();
    const html = renderWithProviders(
      createElement(MembersPanel, { currentUserId: fixture.members.OWNER.id, actorRole: 'OWNER' }),
      (trpc, queryClient) => queryClient.setQueryData(trpc.teams.members.queryKey(), members),
    );
    const stored = await db.user.findUniqueOrThrow({ where: { email } });
    const returned = members.find((member) => member.email === email)!.name;
    return { stored: stored.name, returned, html };
  },
};

describe('markup in free text is stored, returned and rendered as text', () => {
  for (const testCase of xssCases) {
    it(testCase.title, async () => {
      const observed = await scenarios[testCase.field](testCase.payload);
      expect(observed.stored).toBe(testCase.payload);
      expect(observed.returned).toBe(testCase.payload);
      expectRenderedAsText(observed.html, testCase.payload);
    });
  }
});
