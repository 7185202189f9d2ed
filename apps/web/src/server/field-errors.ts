/** A validation issue as zod and Standard Schema report it. */
interface ValidationIssue {
  message: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[];
}

function hasIssues(value: unknown): value is { issues: ValidationIssue[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { issues?: unknown }).issues)
  );
}

/**
 * Field-keyed messages from a validation error (`{ email: ['Enter one valid email address'] }`),
 * so forms can show each message next to its input; null when `error` is not a validation error.
 */
export function fieldErrorsFrom(error: unknown): Record<string, string[]> | null {
  if (!hasIssues(error)) return null;
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const first = issue.path?.[0];
    const key = first === undefined ? '' : String(typeof first === 'object' ? first.key : first);
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** One readable sentence for a validation error: "name: Give the project a name". */
export function describeValidationError(error: unknown): string {
  const fields = fieldErrorsFrom(error);
  if (!fields) return 'Invalid input';
  return Object.entries(fields)
    .map(([field, messages]) => (field ? `${field}: ${messages.join(', ')}` : messages.join(', ')))
    .join('; ');
}
