'use client';

import { roleAtLeast, type TeamRole } from '@captionary/shared';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function MainNav({ role }: { role: TeamRole }) {
  const pathname = usePathname();
  const links = [
    { href: '/', label: 'Projects', current: pathname === '/' || pathname.startsWith('/projects') },
    { href: '/team/members', label: 'Members', current: pathname.startsWith('/team/members') },
    ...(roleAtLeast(role, 'ADMIN')
      ? [
          {
            href: '/team/api-keys',
            label: 'API keys',
            current: pathname.startsWith('/team/api-keys'),
          },
        ]
      : []),
  ];
  return (
    <nav aria-label="Main" className="main-nav">
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={link.current ? 'page' : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
