// JavaScript, not TypeScript, on purpose: `next start` would compile a next.config.ts with SWC,
// and loading SWC's native binary costs the production server ~25 MB of resident memory (plus
// its threads' allocations) for the rest of its life, for a file read once.
import {
  API_CONTENT_SECURITY_POLICY,
  BASELINE_SECURITY_HEADERS,
} from './src/server/security/security-headers.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The workspace packages ship TypeScript sources, not builds.
  transpilePackages: ['@captionary/db', '@captionary/shared'],
  // Native addons and Node-only drivers are loaded by Node at run time instead of being bundled.
  serverExternalPackages: [
    '@node-rs/argon2',
    '@prisma/client',
    '@prisma/adapter-pg',
    'pg',
    'ioredis',
    'bullmq',
    'sharp',
  ],
  poweredByHeader: false,
  // A header set here wins over the same header from a route handler, so the pages' policy (with
  // its per-request nonce) comes from src/proxy.ts and only the API's fixed one is set here.
  async headers() {
    return [
      { source: '/:path*', headers: [...BASELINE_SECURITY_HEADERS] },
      {
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
