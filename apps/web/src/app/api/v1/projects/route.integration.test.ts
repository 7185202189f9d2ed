import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerFor, createTestTeam, testDb } from '../../../../server/testing/fixtures';
import { GET as getProjectRoute } from './[projectId]/route';
import { GET, POST } from './route';

let db: Db;
let teamId: string;
let keys: Record<'owner' | 'labeler' | 'revoked', string>;

beforeAll(async () => {
  db = testDb();
  const team = await createTestTeam(db, ['OWNER']);
  teamId = team.teamId;
  const owner = callerFor(db, team.members.OWNER, teamId);
  const revoked = await owner.apiKeys.create({ name: 'old', role: 'OWNER' });
  await owner.apiKeys.revoke({ apiKeyId: revoked.apiKey.id });
  keys = {
    owner: (await owner.apiKeys.create({ name: 'owner', role: 'OWNER' })).key,
    labeler: (await owner.apiKeys.create({ name: 'labeler', role: 'LABELER' })).key,
    revoked: revoked.key,
  };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

const noParams = { params: Promise.resolve({}) };

function request(method: string, key: string | null, body?: string, path = '/api/v1/projects') {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (key !== null) headers.set('authorization', key);
  return new Request(`http://localhost:3000${path}`, { method, headers, body });
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
}

describe('/api/v1/projects', () => {
  it('answers 401 JSON for a missing, garbage or revoked bearer token', async () => {
    await expectError(await GET(request('GET', null), noParams), 401, 'UNAUTHORIZED');
    await expectError(await GET(request('GET', 'Bearer'), noParams), 401, 'UNAUTHORIZED');
    await expectError(await GET(request('GET', 'Bearer garbage'), noParams), 401, 'UNAUTHORIZED');
    await expectError(
      await GET(request('GET', 'Bearer cap_garbage'), noParams),
      401,
      'UNAUTHORIZED',
    );
    await expectError(
      await GET(request('GET', `Basic ${keys.owner}`), noParams),
      401,
      'UNAUTHORIZED',
    );
    await expectError(
      await GET(request('GET', `Bearer ${keys.revoked}`), noParams),
      401,
      'UNAUTHORIZED',
    );
  });

  it('creates a project with an admin-or-better key and lists it', async () => {
    const created = await POST(
      request('POST', `Bearer ${keys.owner}`, JSON.stringify({ name: 'From the API' })),
      noParams,
    );
    expect(created.status).toBe(201);
    const { project } = await created.json();
    expect(project).toMatchObject({ name: 'From the API', description: '', archivedAt: null });

    const listed = await GET(request('GET', `Bearer ${keys.labeler}`), noParams);
    expect(listed.status).toBe(200);
    const { projects } = await listed.json();
    expect(projects.map((p: { id: string }) => p.id)).toContain(project.id);
    expect(projects[0].counts).toEqual({
      dataRows: 0,
      labels: { DRAFT: 0, SUBMITTED: 0, APPROVED: 0, REJECTED: 0 },
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { teamId, action: 'project.created', targetId: project.id },
    });
    expect(event.apiKeyId).not.toBeNull();
  });

  it('answers 403 to a POST with a labeler key, creating nothing', async () => {
    const before = await db.project.count({ where: { teamId } });
    await expectError(
      await POST(
        request('POST', `Bearer ${keys.labeler}`, JSON.stringify({ name: 'Nope' })),
        noParams,
      ),
      403,
      'FORBIDDEN',
    );
    expect(await db.project.count({ where: { teamId } })).toBe(before);
  });

  it('answers 400 to malformed JSON and to an invalid body', async () => {
    await expectError(
      await POST(request('POST', `Bearer ${keys.owner}`, '{"name": '), noParams),
      400,
      'INVALID_INPUT',
    );
    const response = await POST(
      request('POST', `Bearer ${keys.owner}`, JSON.stringify({ name: '', description: 3 })),
      noParams,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/name: Give the project a name/);
  });
});

describe('/api/v1/projects/:projectId', () => {
  it('returns the project with its workflow steps and counts', async () => {
    const { project } = await (
      await POST(
        request('POST', `Bearer ${keys.owner}`, JSON.stringify({ name: 'Detail' })),
        noParams,
      )
    ).json();
    const response = await getProjectRoute(request('GET', `Bearer ${keys.labeler}`), {
      params: Promise.resolve({ projectId: project.id }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).project).toMatchObject({
      id: project.id,
      workflow: {
        steps: [
          { id: 'label', name: 'Label', type: 'label' },
          { id: 'review', name: 'Review', type: 'review' },
          { id: 'rework', name: 'Rework', type: 'rework' },
          { id: 'done', name: 'Done', type: 'done' },
        ],
      },
      counts: { dataRows: 0 },
    });
  });

  it("answers 404 for another team's project and for a malformed id", async () => {
    const other = await createTestTeam(db, ['OWNER']);
    const foreign = await callerFor(db, other.members.OWNER, other.teamId).projects.create({
      name: 'Theirs',
    });
    for (const projectId of [foreign.id, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      await expectError(
        await getProjectRoute(request('GET', `Bearer ${keys.owner}`), {
          params: Promise.resolve({ projectId }),
        }),
        404,
        'NOT_FOUND',
      );
    }
  });
});
