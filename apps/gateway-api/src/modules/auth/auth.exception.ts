import { ForbiddenException, UnauthorizedException } from '@nestjs/common';

export class InvalidCredentialsException extends UnauthorizedException {
  constructor() {
    super('Email or password is incorrect');
  }
}

export class NoWorkspaceAccessException extends ForbiddenException {
  constructor() {
    super('This account is not a member of that workspace');
  }
}

const REFRESH_MESSAGES = {
  unknown: 'Refresh token is not valid',
  expired: 'Refresh token has expired; log in again',
  revoked: 'Refresh token was revoked; log in again',
  reused: 'Refresh token was already used: every session of this login has been revoked',
} as const;

export class RefreshRejectedException extends UnauthorizedException {
  constructor(reason: keyof typeof REFRESH_MESSAGES) {
    super(REFRESH_MESSAGES[reason]);
  }
}
