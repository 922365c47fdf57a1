import { AppException, type ErrorKind, type SocketErrorPayload } from '@cxgenie/contracts';

const SOCKET_CODE_OF: Readonly<Record<ErrorKind, SocketErrorPayload['code']>> = {
  invalid: 'invalid_payload',
  unauthorized: 'unauthorized',
  forbidden: 'unauthorized',
  not_found: 'not_found',
  conflict: 'conflict',
  unprocessable: 'invalid_payload',
  too_large: 'too_large',
  unsupported_media: 'invalid_payload',
  rate_limited: 'conflict',
  gone: 'not_found',
  upstream_failed: 'internal',
  unavailable: 'internal',
};

/**
 * A domain error as a socket handler acks it: the same message and field the REST route would
 * give, under the socket protocol's codes. Null for anything else (a bug, which must surface).
 */
export function toSocketError(error: unknown): SocketErrorPayload | null {
  if (!(error instanceof AppException)) return null;
  const field = error.details[0]?.field;
  return {
    code: SOCKET_CODE_OF[error.kind],
    message: error.message,
    ...(field !== undefined && { field }),
  };
}
