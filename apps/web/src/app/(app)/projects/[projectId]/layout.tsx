import type { ReactNode } from 'react';
import { ProjectNav } from './_components/project-nav';

/** Every page of one project: the project's section links above the page. */
export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  return (
    <>
      <ProjectNav projectId={projectId} />
      {children}
    </>
  );
}
