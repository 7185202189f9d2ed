import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Page not found' };

export default async function NotFound() {
  // Rendered per request, never prerendered: only then do its scripts carry the response's
  // Content-Security-Policy nonce (see src/proxy.ts) and run.
  await connection();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand brand--large">Captionary</p>
        <h1>Page not found</h1>
        <p className="muted">There is nothing at this address, or you cannot see it.</p>
        <Link className="button" href="/">
          Back to the projects
        </Link>
      </div>
    </main>
  );
}
