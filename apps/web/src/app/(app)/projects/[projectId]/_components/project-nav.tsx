'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './project-nav.module.css';

/** The sections of one project; every project page shows it (projects/[projectId]/layout.tsx). */
export function ProjectNav({ projectId }: { projectId: string }) {
  const pathname = usePathname();
  const base = `/projects/${projectId}`;
  const links = [
    { href: `${base}/review`, label: 'Review' },
    { href: `${base}/rows`, label: 'Rows' },
    { href: `${base}/jobs`, label: 'Jobs' },
    { href: `${base}/data`, label: 'Data' },
    { href: `${base}/sync`, label: 'Sync' },
    { href: `${base}/exports`, label: 'Exports' },
    { href: `${base}/analytics`, label: 'Analytics' },
    { href: `${base}/webhooks`, label: 'Webhooks' },
    { href: `${base}/settings`, label: 'Settings' },
  ];
  return (
    <nav aria-label="Project" className={styles.nav}>
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={pathname.startsWith(link.href) ? 'page' : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
