// Renders a client component to HTML as the server would, inside the providers the app gives it,
// with React Query's cache filled from real procedure results.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import superjson from 'superjson';
import { expect } from 'vitest';
import type { AppRouter } from '../../src/server/root';
import { TRPCProvider } from '../../src/trpc/client';

/** The HTML of `element`; `prefill` puts query results in the cache before rendering. */
export function renderWithProviders(
  element: ReactElement,
  prefill: (trpc: TRPCOptionsProxy<AppRouter>, queryClient: QueryClient) => void = () => {},
): string {
  const queryClient = new QueryClient();
  // Never called while rendering on the server; the providers only need a client to exist.
  const trpcClient = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: 'http://localhost/api/trpc', transformer: superjson })],
  });
  prefill(createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient }), queryClient);
  return renderToStaticMarkup(
    createElement(QueryClientProvider, {
      client: queryClient,
      children: createElement(TRPCProvider, { trpcClient, queryClient, children: element }),
    }),
  );
}

/** How React writes text into HTML. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

const TAG =
  /<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /\s([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const ACTIVE_TAGS = new Set(['script', 'iframe', 'svg', 'object', 'embed', 'base', 'meta']);

/** The elements of `html` with their attributes (React writes well-formed, quoted markup). */
export function elementsOf(html: string): { tag: string; attributes: Map<string, string> }[] {
  return [...html.matchAll(TAG)].map((match) => ({
    tag: match[1]!.toLowerCase(),
    attributes: new Map(
      [...(match[2] ?? '').matchAll(ATTRIBUTE)].map((attribute) => [
        attribute[1]!.toLowerCase(),
        attribute[2] ?? attribute[3] ?? attribute[4] ?? '',
      ]),
    ),
  }));
}

/** `html` shows `payload` as text only: escaped, and with no element or handler of its own. */
export function expectRenderedAsText(html: string, payload: string): void {
  expect(html).toContain(escapeHtml(payload));
  expect(html).not.toContain(payload);
  for (const { tag, attributes } of elementsOf(html)) {
    expect(ACTIVE_TAGS.has(tag), `<${tag}> in the rendered HTML`).toBe(false);
    for (const [name, value] of attributes) {
      expect(name.startsWith('on'), `${name} handler on <${tag}>`).toBe(false);
      expect(value.trim().toLowerCase().startsWith('javascript:'), `${name}=${value}`).toBe(false);
    }
  }
}
