import { z } from 'zod';
import { ObjectId } from './common';

const ProjectName = z
  .string()
  .trim()
  .min(1, 'Give the project a name')
  .max(100, 'Keep the name under 100 characters');
const ProjectDescription = z
  .string()
  .trim()
  .max(2000, 'Keep the description under 2000 characters');
const CaptionInstructions = z
  .string()
  .trim()
  .max(10_000, 'Keep the instructions under 10000 characters');

/** Body of POST /api/v1/projects and of the projects.create procedure. */
export const CreateProjectRequest = z.object({
  name: ProjectName,
  description: ProjectDescription.optional(),
});
export type CreateProjectRequest = z.infer<typeof CreateProjectRequest>;

/** Changes to a project's texts; fields left out stay as they are. */
export const UpdateProjectRequest = z.object({
  projectId: ObjectId,
  name: ProjectName.optional(),
  description: ProjectDescription.optional(),
  captionInstructions: CaptionInstructions.optional(),
});
export type UpdateProjectRequest = z.infer<typeof UpdateProjectRequest>;

export const SetProjectArchivedRequest = z.object({ projectId: ObjectId, archived: z.boolean() });
export type SetProjectArchivedRequest = z.infer<typeof SetProjectArchivedRequest>;

export const ProjectRef = z.object({ projectId: ObjectId });
export type ProjectRef = z.infer<typeof ProjectRef>;

export const ListProjectsRequest = z.object({ includeArchived: z.boolean().default(false) });
export type ListProjectsRequest = z.infer<typeof ListProjectsRequest>;
