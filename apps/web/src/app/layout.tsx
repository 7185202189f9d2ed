import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TrpcProviders } from '../trpc/client';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Captionary', template: '%s · Captionary' },
  description: 'Human-verified image captions: model pre-labels, review, export.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrpcProviders>{children}</TrpcProviders>
      </body>
    </html>
  );
}
