import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import { TenantConnections } from './tenant-connections';

/** A live email channel that lists one of the asked addresses in `settings.addresses`. */
export interface EmailAddressClaim {
  address: string;
  channelId: string;
  workspaceId: string;
}

export interface EmailAddressClaimsFound {
  /** Database by database (shared first), the oldest channel first within each. */
  claims: EmailAddressClaim[];
  /** False when a dedicated database could not be searched (reported to `onUnreachable`). */
  complete: boolean;
}

export interface EmailAddressClaimsQuery {
  /** A channel whose own addresses do not count (the one being updated). */
  exceptChannelId?: string | null;
  /** Stop at the first database that has a claim (routing needs one owner, not all of them). */
  firstOnly?: boolean;
  /** A dedicated database that could not be searched; the shared one failing throws instead. */
  onUnreachable: (workspaceIds: string[], error: Error) => void;
}

/**
 * Who claims an email address, across every tenant database (ADR 0005, 0032): mail is routed by
 * address over the whole platform, so the SMTP receiver's routing and gateway-api's refusal of a
 * taken address must read the same databases the same way. A dedicated workspace's channels live
 * only in its own database; the `workspace_id` filter keeps rows a relocation left behind out.
 */
@Injectable()
export class EmailAddressClaims {
  constructor(private readonly tenants: TenantConnections) {}

  async find(
    addresses: string[],
    query: EmailAddressClaimsQuery,
  ): Promise<EmailAddressClaimsFound> {
    if (addresses.length === 0) return { claims: [], complete: true };
    let complete = true;
    const databases = await this.tenants.databases((workspaceId, error) => {
      complete = false;
      query.onUnreachable([workspaceId], error);
    });
    const claims: EmailAddressClaim[] = [];
    for (const { sequelize, workspaceIds } of databases) {
      let rows: EmailAddressClaim[];
      try {
        // `?|` is served by the GIN index on settings -> 'addresses' (migration 0023).
        rows = await sequelize.query<EmailAddressClaim>(
          `SELECT a.address, ch.id AS "channelId", ch.workspace_id AS "workspaceId"
             FROM channels ch
             CROSS JOIN LATERAL jsonb_array_elements_text(
               CASE WHEN jsonb_typeof(ch.settings -> 'addresses') = 'array'
                    THEN ch.settings -> 'addresses' ELSE '[]'::jsonb END) AS a(address)
            WHERE ch.type = 'email' AND ch.deleted_at IS NULL
              AND ch.settings -> 'addresses' ?| ARRAY[:addresses]::text[]
              AND a.address = ANY(ARRAY[:addresses]::text[])
              AND ch.id <> coalesce(CAST(:exceptChannelId AS uuid), '00000000-0000-0000-0000-000000000000')
              AND (CAST(:workspaceIds AS uuid[]) IS NULL OR ch.workspace_id = ANY(CAST(:workspaceIds AS uuid[])))
            ORDER BY ch.created_at, ch.id`,
          {
            replacements: {
              // Each address its own escaped literal: a quoted local part may hold `,` `"` `{`.
              addresses,
              exceptChannelId: query.exceptChannelId ?? null,
              workspaceIds: workspaceIds ? `{${workspaceIds.join(',')}}` : null,
            },
            type: QueryTypes.SELECT,
          },
        );
      } catch (error) {
        if (!workspaceIds) throw error;
        complete = false;
        query.onUnreachable(workspaceIds, error as Error);
        continue;
      }
      claims.push(...rows);
      if (query.firstOnly && rows.length > 0) break;
    }
    return { claims, complete };
  }
}
