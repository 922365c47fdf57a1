/** Why a source could not be ingested, as a bounded label for metrics. */
export type IngestFailureCode =
  | 'empty'
  | 'unsupported_type'
  | 'corrupt'
  | 'password_protected'
  | 'no_text'
  | 'zip_bomb'
  | 'too_large'
  | 'missing_file'
  | 'crawl_failed'
  | 'error';

/**
 * A source that cannot be ingested as it is: retrying changes nothing, so the job ends at once
 * and `message` is shown to the customer in the dashboard as the reason.
 */
export class IngestFailure extends Error {
  override readonly name = 'IngestFailure';

  constructor(
    readonly code: IngestFailureCode,
    message: string,
  ) {
    super(message);
  }
}
