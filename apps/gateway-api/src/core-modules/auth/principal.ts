import type { MemberRole } from '@cxgenie/contracts';

/** Who is calling. The workspace always comes from here, never from the request body. */
export type Principal =
  | { kind: 'user'; userId: string; workspaceId: string; role: MemberRole }
  | { kind: 'api-key'; apiKeyId: string; workspaceId: string; role: Exclude<MemberRole, 'owner'> }
  | {
      kind: 'widget';
      customerId: string;
      workspaceId: string;
      botId: string;
      /** The bot's web channel the session was started on. */
      channelId: string | null;
    };

const RANK: Record<MemberRole, number> = { agent: 1, admin: 2, owner: 3 };

/** Roles are ordered: an owner may do what an admin may, an admin what an agent may. */
export const hasRole = (principal: Principal, minimum: MemberRole): boolean =>
  principal.kind !== 'widget' && RANK[principal.role] >= RANK[minimum];
