import type { UrlListEntry } from '@captionary/shared';
import type { ImportSettings } from '../import-settings';
import { fetchUrlBytes } from '../safe-http-fetch';
import type { ImportSource } from './import-source';

/** A list of URLs, fetched with the SSRF rules of safe-http-fetch. */
export function urlListSource(entries: UrlListEntry[], settings: ImportSettings): ImportSource {
  return {
    async list() {
      return entries.map(({ url, externalId }) => ({
        externalId: externalId ?? url,
        sourceUri: url,
      }));
    },
    read(item, signal) {
      return fetchUrlBytes(item.sourceUri, {
        allowHosts: settings.allowHosts,
        maxBytes: settings.maxBytes,
        timeoutMs: settings.fetchTimeoutMs,
        signal,
      });
    },
  };
}
