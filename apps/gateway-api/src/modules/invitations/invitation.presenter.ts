import type { Invitation } from '@cxgenie/database';
import type { InvitationResponse, InvitationStatus } from './dto/invitation.dto';

export const invitationStatus = (row: Invitation, now = Date.now()): InvitationStatus => {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= now ? 'expired' : 'pending';
};

export const presentInvitation = (row: Invitation): InvitationResponse => ({
  id: row.id,
  email: row.email,
  role: row.role,
  status: invitationStatus(row),
  invitedBy: row.invitedBy,
  expiresAt: row.expiresAt,
  acceptedAt: row.acceptedAt,
  revokedAt: row.revokedAt,
  createdAt: row.createdAt,
});
