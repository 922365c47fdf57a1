/** One field the API named in an error's `details`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Every failure of the API has this shape (see /api/docs: ApiError). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The API's message for one field, matched on its path (`credentials.botToken`) or its root. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((d) => d.field === field || d.field.startsWith(`${field}.`))?.message;
  }
}

export async function apiErrorOf(res: Response, body?: unknown): Promise<ApiError> {
  let parsed = body;
  if (parsed === undefined) {
    const text = await res.text().catch(() => '');
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
  }
  const shaped = (parsed ?? {}) as { message?: unknown; details?: unknown };
  const message =
    typeof shaped.message === 'string' && shaped.message
      ? shaped.message
      : `The server answered ${res.status}`;
  const details = Array.isArray(shaped.details)
    ? (shaped.details as FieldProblem[]).filter((d) => d && typeof d.field === 'string')
    : [];
  return new ApiError(res.status, message, details);
}

/** What to show for any error: the API's own message when there is one. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong';
