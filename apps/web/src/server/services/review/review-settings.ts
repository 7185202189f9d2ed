// Review settings that come from the environment, read once per process through serverEnv.
import { serverEnv } from '../../../env';

/** How long a claim holds an item before it returns to its queue. */
export function reviewLeaseMs(): number {
  return serverEnv().REVIEW_LEASE_SECONDS * 1000;
}
