// The address rule for webhook URLs, the same as for URL imports: public hosts only unless the
// operator lists the exact host:port in IMPORT_ALLOW_HOSTS. Checked when a webhook is saved and
// again, with the address pinned, on every delivery (DNS may answer differently by then).
import { ImportItemError } from '../imports/import-item-error';
import { vetHost, type ResolveHost, type VettedAddress } from '../imports/vetted-address';

/** Why a webhook URL may not be delivered to; the message is safe to show. */
export class WebhookTargetError extends Error {
  override readonly name = 'WebhookTargetError';
}

const IMPORT_WORDING = 'only public hosts may be imported from unless an admin allows this host';
const WEBHOOK_WORDING =
  'webhooks only go to public hosts unless the operator lists this host:port in IMPORT_ALLOW_HOSTS';

export interface WebhookTarget {
  url: URL;
  port: number;
  address: VettedAddress;
}

/** Parses a webhook URL: http or https, no fragment games, a host that is there. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('Not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebhookTargetError('Webhook URLs must use http or https');
  }
  if (!url.hostname) throw new WebhookTargetError('The URL has no host');
  url.hash = '';
  return url;
}

/** The URL with its host's address vetted, for connecting to exactly that address. */
export async function vetWebhookTarget(
  raw: string,
  allowHosts: ReadonlySet<string>,
  resolve?: ResolveHost,
): Promise<WebhookTarget> {
  const url = parseWebhookUrl(raw);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  try {
    return { url, port, address: await vetHost(url.hostname, port, allowHosts, resolve) };
  } catch (error) {
    if (error instanceof ImportItemError) {
      throw new WebhookTargetError(error.message.replace(IMPORT_WORDING, WEBHOOK_WORDING));
    }
    throw error;
  }
}
