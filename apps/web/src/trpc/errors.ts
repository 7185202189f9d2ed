// Reading our error shape (see the errorFormatter in server/trpc.ts) on the client.

interface ErrorWithData {
  message?: string;
  data?: { fieldErrors?: Record<string, string[]> | null } | null;
}

/** The message to show for a failed call, or null when there was no error. */
export function errorMessage(error: unknown): string | null {
  if (!error) return null;
  const { message } = error as ErrorWithData;
  return message || 'Something went wrong. Please try again.';
}

/** The first message for one form field, from a failed call's field errors. */
export function fieldError(error: unknown, field: string): string | undefined {
  return (error as ErrorWithData | null)?.data?.fieldErrors?.[field]?.[0];
}

/**
 * A form-level message: the call's message unless it is only about fields (those are shown next
 * to their inputs already).
 */
export function formLevelError(error: unknown): string | null {
  if (!error) return null;
  const fields = (error as ErrorWithData).data?.fieldErrors;
  if (fields && Object.keys(fields).some((key) => key !== '')) return null;
  return errorMessage(error);
}
