import { AppException, type ErrorKind } from '@cxgenie/contracts';

export enum AuthExceptionCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  NO_WORKSPACE_ACCESS = 'NO_WORKSPACE_ACCESS',
  REFRESH_UNKNOWN = 'REFRESH_UNKNOWN',
  REFRESH_EXPIRED = 'REFRESH_EXPIRED',
  REFRESH_REVOKED = 'REFRESH_REVOKED',
  REFRESH_REUSED = 'REFRESH_REUSED',
}

const KINDS: Record<AuthExceptionCode, ErrorKind> = {
  INVALID_CREDENTIALS: 'unauthorized',
  EMAIL_TAKEN: 'conflict',
  NO_WORKSPACE_ACCESS: 'forbidden',
  REFRESH_UNKNOWN: 'unauthorized',
  REFRESH_EXPIRED: 'unauthorized',
  REFRESH_REVOKED: 'unauthorized',
  REFRESH_REUSED: 'unauthorized',
};

const MESSAGES: Record<AuthExceptionCode, string> = {
  INVALID_CREDENTIALS: 'Email or password is incorrect',
  EMAIL_TAKEN: 'An account with this email already exists',
  NO_WORKSPACE_ACCESS: 'This account is not a member of that workspace',
  REFRESH_UNKNOWN: 'Refresh token is not valid',
  REFRESH_EXPIRED: 'Refresh token has expired; log in again',
  REFRESH_REVOKED: 'Refresh token was revoked; log in again',
  REFRESH_REUSED: 'Refresh token was already used: every session of this login has been revoked',
};

const DETAILS: Partial<Record<AuthExceptionCode, { field: string; message: string }[]>> = {
  EMAIL_TAKEN: [{ field: 'email', message: 'is already registered' }],
};

export type RefreshRejection = 'unknown' | 'expired' | 'revoked' | 'reused';

const REFRESH_CODES: Record<RefreshRejection, AuthExceptionCode> = {
  unknown: AuthExceptionCode.REFRESH_UNKNOWN,
  expired: AuthExceptionCode.REFRESH_EXPIRED,
  revoked: AuthExceptionCode.REFRESH_REVOKED,
  reused: AuthExceptionCode.REFRESH_REUSED,
};

export class AuthException extends AppException<AuthExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static of(code: AuthExceptionCode): AuthException {
    return new AuthException(code, MESSAGES[code], DETAILS[code] ?? []);
  }

  static refreshRejected(reason: RefreshRejection): AuthException {
    return AuthException.of(REFRESH_CODES[reason]);
  }
}
