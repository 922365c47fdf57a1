/**
 * Errors as the domain states them, whatever carries them. A use case throws an `AppException`
 * subclass; the HTTP filter turns its kind into a status code, and a socket handler into an ack,
 * so no use case knows which transport called it.
 */

/** What went wrong, in the terms every transport can translate. */
export const ERROR_KINDS = [
  'invalid',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'unprocessable',
  'too_large',
  'unsupported_media',
  'rate_limited',
  'gone',
  /** A platform or provider we depend on refused or failed. */
  'upstream_failed',
  'unavailable',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** One field that made a request invalid, by its path in the body or query (`settings.topK`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The base of every module's exception (`<module>.exception.ts`): a code from the module's enum,
 * the kind that code is, a message meant for the caller, and the fields it concerns.
 */
export abstract class AppException<Code extends string = string> extends Error {
  abstract readonly kind: ErrorKind;

  constructor(
    readonly code: Code,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A plain "not found": missing, soft-deleted, or another workspace's; callers cannot tell. */
export const notFoundMessage = (resource: string): string => `${resource} not found`;

/** The message a validation error shows: each field with what is wrong with it. */
export const invalidFieldsMessage = (details: FieldProblem[]): string =>
  details.map((d) => `${d.field}: ${d.message}`).join('; ') || 'Invalid request';
