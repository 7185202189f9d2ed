// The access rule of every HTTP route handler under src/app/api, and a request aimed at team A's
// objects. The route test fails when a route file exports a method that has no entry here.
import type { TeamRole } from '@captionary/shared';
import { WEBHOOK_TEST_HOST, type AuthorizationWorld } from './authorization-world';

export interface RouteRequest {
  /** The dynamic segments of the route, by name. */
  params: Record<string, string | string[]>;
  /** The query string, without `?`. */
  query?: string;
  /** Sent as JSON, or as multipart when it is FormData. */
  body?: unknown;
}

export type RouteAccess =
  /** Open to anyone, on purpose; `call: false` when it cannot run outside the Next.js server. */
  | { kind: 'public'; why: string; call: boolean }
  /**
   * An API key of the team with at least `role`. `foreign`: what team B's key gets for team A's
   * ids (own-team-only: the route names no id; the reply must hold none of team A's).
   */
  | { kind: 'api-key'; role: TeamRole; foreign: 'NOT_FOUND' | 'own-team-only' }
  /** A signed-in member of the active team (the team cookie) with at least `role`. */
  | { kind: 'session'; role: TeamRole };

export interface RoutePolicy {
  access: RouteAccess;
  request: (world: AuthorizationWorld) => RouteRequest;
}

const apiKey = (
  role: TeamRole,
  foreign: 'NOT_FOUND' | 'own-team-only' = 'NOT_FOUND',
): RouteAccess => ({ kind: 'api-key', role, foreign });
const inProject = (w: AuthorizationWorld): RouteRequest => ({
  params: { projectId: w.a.projectId },
});
const forJob = (w: AuthorizationWorld): RouteRequest => ({ params: { jobId: w.a.jobId } });
const noParams = (): RouteRequest => ({ params: {} });

/** Keyed by `METHOD /api/path/[param]`, as the route files sit under src/app. */
export const ROUTE_POLICIES: Record<string, RoutePolicy> = {
  // Public by design.
  'GET /api/health': {
    access: { kind: 'public', why: 'probes of load balancers and orchestrators', call: true },
    request: noParams,
  },
  'GET /api/v1/openapi.json': {
    access: { kind: 'public', why: 'the published description of the API', call: true },
    request: noParams,
  },
  'GET /api/auth/[...nextauth]': {
    access: { kind: 'public', why: "next-auth's sign-in, session and CSRF endpoints", call: false },
    request: () => ({ params: { nextauth: ['session'] } }),
  },
  'POST /api/auth/[...nextauth]': {
    access: { kind: 'public', why: "next-auth's sign-in and sign-out endpoints", call: false },
    request: () => ({ params: { nextauth: ['callback', 'credentials'] } }),
  },

  // Signed-in members (the web app's own pages).
  'GET /api/images/[rowId]': {
    access: { kind: 'session', role: 'LABELER' },
    request: (w) => ({ params: { rowId: w.a.rowId } }),
  },
  'GET /api/exports/[exportId]/file': {
    access: { kind: 'session', role: 'REVIEWER' },
    request: (w) => ({ params: { exportId: w.a.exportId } }),
  },
  'POST /api/import-runs/[importRunId]/files': {
    access: { kind: 'session', role: 'ADMIN' },
    request: (w) => ({ params: { importRunId: w.a.importRunId }, body: new FormData() }),
  },
  'GET /api/trpc/[trpc]': {
    access: { kind: 'session', role: 'LABELER' },
    request: (w) => ({
      params: { trpc: 'projects.get' },
      query: `input=${encodeURIComponent(JSON.stringify({ json: { projectId: w.a.projectId } }))}`,
    }),
  },
  'POST /api/trpc/[trpc]': {
    access: { kind: 'session', role: 'ADMIN' },
    request: (w) => ({
      params: { trpc: 'projects.update' },
      body: { json: { projectId: w.a.projectId, description: 'Updated over HTTP' } },
    }),
  },

  // API keys: projects, rows, imports.
  'GET /api/v1/projects': { access: apiKey('LABELER', 'own-team-only'), request: noParams },
  'POST /api/v1/projects': {
    access: apiKey('ADMIN', 'own-team-only'),
    request: () => ({ params: {}, body: { name: 'Created over REST' } }),
  },
  'GET /api/v1/projects/[projectId]': { access: apiKey('LABELER'), request: inProject },
  'GET /api/v1/projects/[projectId]/data-rows': {
    access: apiKey('LABELER'),
    request: inProject,
  },
  'POST /api/v1/projects/[projectId]/data-rows': {
    access: apiKey('ADMIN'),
    // Refused at once by the address check, so the import ends within the request.
    request: (w) => ({ ...inProject(w), body: { urls: ['http://127.0.0.1:1/a.jpg'] } }),
  },
  'GET /api/v1/projects/[projectId]/import-runs/[runId]': {
    access: apiKey('LABELER'),
    request: (w) => ({ params: { projectId: w.a.projectId, runId: w.a.importRunId } }),
  },

  // Caption jobs.
  'GET /api/v1/projects/[projectId]/caption-jobs': {
    access: apiKey('LABELER'),
    request: inProject,
  },
  'POST /api/v1/projects/[projectId]/caption-jobs': {
    access: apiKey('ADMIN'),
    request: (w) => ({ ...inProject(w), body: { all: true } }),
  },
  'GET /api/v1/caption-jobs/[jobId]': { access: apiKey('LABELER'), request: forJob },
  'POST /api/v1/caption-jobs/[jobId]/cancel': { access: apiKey('ADMIN'), request: forJob },
  'POST /api/v1/caption-jobs/[jobId]/retry-failed': { access: apiKey('ADMIN'), request: forJob },

  // Review: keys act as the member who created them (team A's owner), within the key's role.
  'POST /api/v1/projects/[projectId]/steps/[stepId]/claim': {
    access: apiKey('LABELER'),
    request: (w) => ({ params: { projectId: w.a.projectId, stepId: 'label' } }),
  },
  'POST /api/v1/work-items/[itemId]/submit': {
    access: apiKey('LABELER'),
    request: (w) => ({
      params: { itemId: w.a.items.ownerSubmit.id },
      body: { caption: 'a blue square', version: w.a.items.ownerSubmit.version },
    }),
  },
  'POST /api/v1/work-items/[itemId]/approve': {
    // The route takes any key; the review step itself needs the reviewer role.
    access: apiKey('REVIEWER'),
    request: (w) => ({
      params: { itemId: w.a.items.ownerApprove.id },
      body: { version: w.a.items.ownerApprove.version },
    }),
  },
  'POST /api/v1/work-items/[itemId]/reject': {
    access: apiKey('REVIEWER'),
    request: (w) => ({
      params: { itemId: w.a.items.ownerReject.id },
      body: { version: w.a.items.ownerReject.version, comment: 'Name the colour' },
    }),
  },

  // Exports.
  'GET /api/v1/projects/[projectId]/export': {
    access: apiKey('REVIEWER'),
    request: (w) => ({ ...inProject(w), query: 'format=jsonl' }),
  },

  // Sync runs.
  'GET /api/v1/projects/[projectId]/sync-runs': { access: apiKey('LABELER'), request: inProject },
  'POST /api/v1/projects/[projectId]/sync-runs': {
    access: apiKey('ADMIN'),
    request: (w) => ({ ...inProject(w), body: { connectionId: w.a.connectionId } }),
  },
  'GET /api/v1/projects/[projectId]/sync-runs/[runId]': {
    access: apiKey('LABELER'),
    request: (w) => ({ params: { projectId: w.a.projectId, runId: w.a.syncRunId } }),
  },

  // Webhooks.
  'GET /api/v1/projects/[projectId]/webhooks': { access: apiKey('ADMIN'), request: inProject },
  'POST /api/v1/projects/[projectId]/webhooks': {
    access: apiKey('ADMIN'),
    request: (w) => ({
      ...inProject(w),
      body: { url: `http://${WEBHOOK_TEST_HOST}/created-over-rest`, events: ['export.ready'] },
    }),
  },
  'PATCH /api/v1/webhooks/[webhookId]': {
    access: apiKey('ADMIN'),
    request: (w) => ({ params: { webhookId: w.a.webhooks.kept }, body: { active: true } }),
  },
  'DELETE /api/v1/webhooks/[webhookId]': {
    access: apiKey('ADMIN'),
    request: (w) => ({ params: { webhookId: w.a.webhooks.removedOverRest } }),
  },
  'GET /api/v1/webhooks/[webhookId]/deliveries': {
    access: apiKey('ADMIN'),
    request: (w) => ({ params: { webhookId: w.a.webhooks.kept } }),
  },
  'POST /api/v1/webhooks/[webhookId]/deliveries/[deliveryId]/redeliver': {
    access: apiKey('ADMIN'),
    request: (w) => ({
      params: { webhookId: w.a.webhooks.kept, deliveryId: w.a.deliveryId },
    }),
  },
};
