import type { MemberWithUser } from '@cxgenie/database';
import type { MemberResponse } from './dto/member.dto';

export const presentMember = (row: MemberWithUser): MemberResponse => ({
  id: row.id,
  userId: row.userId,
  name: row.user.name,
  email: row.user.email,
  role: row.role,
  availability: row.availability,
  maxConcurrentConversations: row.maxConcurrentConversations,
  lastSeenAt: row.lastSeenAt,
  createdAt: row.createdAt,
});
