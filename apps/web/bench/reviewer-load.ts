// Simulated reviewers for the review and load benchmarks. Each loops through the REST API:
// claim on the label step → think → submit; with `approveShare` > 0, that share of rounds claims
// on a review step instead and approves (falling back to the label step while the review queue
// is empty).
import { ErrorTally } from './error-tally';
import { request } from './http-client';
import { pause, type MeasuredWindow } from './measured-window';

const LABEL_STEP = 'label';

export interface ReviewerLoadOptions {
  baseUrl: string;
  projectId: string;
  /** One API key per reviewer. */
  keys: string[];
  /** Pause between receiving an item and answering it; 0 makes every reviewer a tight loop. */
  thinkMs: number;
  window: MeasuredWindow;
  /** Share of rounds (0–1) that approve on `reviewStepId`; 0 by default. */
  approveShare?: number;
  reviewStepId?: string;
  /** Failed requests are counted here (shared with other clients of the same run). */
  errors?: ErrorTally;
}

export interface ReviewerLoadResult {
  /** Claims, submits and approves started inside the window, with their latencies. */
  claims: number;
  submits: number;
  approves: number;
  claimMs: number[];
  submitMs: number[];
  approveMs: number[];
  /** Every failed request of the run, warm-up included. */
  errors: ErrorTally;
  /** An item the API handed to a second reviewer while another still held it. */
  doubleClaims: number;
  /** 204 answers: the step's queue was empty. */
  emptyClaims: number;
}

interface ClaimedItem {
  id: string;
  version: number;
  caption: { text: string } | null;
}

/** A think time between half and one and a half times the nominal one. */
const jitter = (ms: number) => ms * (0.5 + Math.random());

/** Every reviewer loops claim → think → submit (or approve) until the window ends. */
export async function runReviewers(options: ReviewerLoadOptions): Promise<ReviewerLoadResult> {
  const { baseUrl, projectId, keys, thinkMs, window } = options;
  const approveShare = options.approveShare ?? 0;
  const reviewStepId = options.reviewStepId ?? 'review';
  const result: ReviewerLoadResult = {
    claims: 0,
    submits: 0,
    approves: 0,
    claimMs: [],
    submitMs: [],
    approveMs: [],
    errors: options.errors ?? new ErrorTally(),
    doubleClaims: 0,
    emptyClaims: 0,
  };
  // Who holds each item right now, as the API told the clients: a second holder is a double claim.
  const holders = new Map<string, number>();

  /** Sends one request; a refused connection or reset counts as an error of its kind. */
  const send = async (
    kind: string,
    url: string,
    headers: Record<string, string>,
    body?: string,
  ) => {
    try {
      return await request('POST', url, headers, body);
    } catch (error) {
      result.errors.add(`${kind} network`, (error as Error).message);
      return null;
    }
  };

  const reviewer = async (index: number) => {
    // People do not start or work in lockstep: each reviewer starts at a random moment within one
    // think time, and each pause varies by ±50 %, so requests do not arrive in bursts of 50.
    if (thinkMs > 0) await pause(Math.random() * thinkMs);
    const headers = { authorization: `Bearer ${keys[index]}`, 'content-type': 'application/json' };

    /** The claimed item, 'empty' when the step's queue was, or 'failed'. */
    const claim = async (stepId: string) => {
      const sent = await send(
        'claim',
        `${baseUrl}/api/v1/projects/${projectId}/steps/${stepId}/claim`,
        headers,
      );
      if (!sent) return 'failed';
      if (sent.status === 204) {
        result.emptyClaims++;
        return 'empty';
      }
      if (sent.status !== 200) {
        result.errors.add(`claim ${sent.status}`, sent.body);
        return 'failed';
      }
      const { item } = JSON.parse(sent.body) as { item: ClaimedItem };
      const measured = sent.startedAt >= window.startsAt;
      if (measured) {
        result.claims++;
        result.claimMs.push(sent.ms);
      }
      return { item, stepId, measured };
    };

    while (performance.now() < window.endsAt) {
      const approving = approveShare > 0 && Math.random() < approveShare;
      let claimed = approving ? await claim(reviewStepId) : 'empty';
      // An empty review queue (early in a run) sends the reviewer to the label step instead.
      if (claimed === 'empty') claimed = await claim(LABEL_STEP);
      if (typeof claimed === 'string') continue;
      const { item, stepId, measured } = claimed;
      if (holders.has(item.id) && holders.get(item.id) !== index) result.doubleClaims++;
      holders.set(item.id, index);
      if (thinkMs > 0) await pause(jitter(thinkMs));
      const transition = stepId === LABEL_STEP ? 'submit' : 'approve';
      const body =
        transition === 'submit'
          ? { version: item.version, caption: `${item.caption?.text ?? 'a photo'}, checked` }
          : { version: item.version };
      const sent = await send(
        transition,
        `${baseUrl}/api/v1/work-items/${item.id}/${transition}`,
        headers,
        JSON.stringify(body),
      );
      holders.delete(item.id);
      if (!sent) continue;
      if (sent.status !== 200) {
        result.errors.add(`${transition} ${sent.status}`, sent.body);
        continue;
      }
      if (!measured) continue;
      if (transition === 'submit') {
        result.submits++;
        result.submitMs.push(sent.ms);
      } else {
        result.approves++;
        result.approveMs.push(sent.ms);
      }
    }
  };
  await Promise.all(keys.map((_, index) => reviewer(index)));
  return result;
}

/** A few claim → submit rounds before timing, not counted; any failure stops the benchmark. */
export async function warmUpReviewRoutes(baseUrl: string, projectId: string, keys: string[]) {
  for (const key of keys.slice(0, 5)) {
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const claimed = await request(
      'POST',
      `${baseUrl}/api/v1/projects/${projectId}/steps/${LABEL_STEP}/claim`,
      headers,
    );
    if (claimed.status !== 200) {
      throw new Error(`warm-up claim answered ${claimed.status}: ${claimed.body}`);
    }
    const { item } = JSON.parse(claimed.body) as { item: ClaimedItem };
    const submitted = await request(
      'POST',
      `${baseUrl}/api/v1/work-items/${item.id}/submit`,
      headers,
      JSON.stringify({ version: item.version, caption: 'warm-up caption' }),
    );
    if (submitted.status !== 200) {
      throw new Error(`warm-up submit answered ${submitted.status}: ${submitted.body}`);
    }
  }
}
