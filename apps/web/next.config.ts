import type { NextConfig } from 'next';

// Baseline security headers for every response. The app is never meant to be framed.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];

const nextConfig: NextConfig = {
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
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
