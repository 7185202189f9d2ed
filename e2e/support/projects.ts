// Creating a project from the dashboard and moving between a project's sections.
import type { Page } from 'playwright-core';
import { waitForFormHydrated } from './hydration';
import { expectThat } from './steps';

/** The sections of the project navigation (projects/[projectId]/_components/project-nav.tsx). */
export type ProjectSection =
  'Review' | 'Rows' | 'Jobs' | 'Data' | 'Sync' | 'Exports' | 'Analytics' | 'Webhooks' | 'Settings';

/** On the dashboard: creates a project, opens it and returns its id. */
export async function createProject(page: Page, name: string): Promise<string> {
  await waitForFormHydrated(page, 'Create project');
  const form = page.locator('form', {
    has: page.getByRole('button', { name: 'Create project' }),
  });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create project' }).click();
  await page
    .getByTestId('project-card')
    .filter({ hasText: name })
    .getByRole('link', { name })
    .click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}\//);
  const projectId = /\/projects\/([0-9a-f-]{36})\//.exec(page.url())?.[1];
  expectThat(projectId !== undefined, `no project id in ${page.url()}`);
  return projectId!;
}

/** Opens one section of the current project from its navigation. */
export async function openProjectSection(page: Page, section: ProjectSection): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Project' })
    .getByRole('link', { name: section })
    .click();
  await page.waitForURL(new RegExp(`/projects/[0-9a-f-]{36}/${section.toLowerCase()}(\\?|$)`));
}
