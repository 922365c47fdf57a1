import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';

/** How far a mailbox has been read: the UIDs are only meaningful under their UIDVALIDITY. */
export interface MailboxState {
  mailbox: string;
  uidValidity: bigint;
  lastUid: number;
}

/** Table `email_mailboxes`, written only here (ADR 0032). */
@Injectable()
export class MailboxStateRepository {
  async get(scope: TenantScope, channelId: string): Promise<MailboxState | null> {
    const [row] = await scope.sequelize.query<{
      mailbox: string;
      uid_validity: string;
      last_uid: string;
    }>(
      'SELECT mailbox, uid_validity, last_uid FROM email_mailboxes WHERE channel_id = $1 AND workspace_id = $2',
      { bind: [channelId, scope.workspaceId], type: QueryTypes.SELECT },
    );
    return row
      ? {
          mailbox: row.mailbox,
          uidValidity: BigInt(row.uid_validity),
          lastUid: Number(row.last_uid),
        }
      : null;
  }

  async save(scope: TenantScope, channelId: string, state: MailboxState): Promise<void> {
    await scope.sequelize.query(
      `INSERT INTO email_mailboxes (channel_id, workspace_id, mailbox, uid_validity, last_uid)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (channel_id) DO UPDATE
         SET mailbox = EXCLUDED.mailbox, uid_validity = EXCLUDED.uid_validity,
             last_uid = EXCLUDED.last_uid, updated_at = now()`,
      {
        bind: [
          channelId,
          scope.workspaceId,
          state.mailbox,
          state.uidValidity.toString(),
          state.lastUid,
        ],
      },
    );
  }
}
