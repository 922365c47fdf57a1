import { Injectable } from '@nestjs/common';
import { QueryTypes, type Sequelize } from 'sequelize';
import { claimedAddresses } from '@cxgenie/channels';
import type { ChannelType } from '@cxgenie/contracts';
import { BotRepository, TenantConnections, type TenantScope } from '@cxgenie/database';
import { type ChannelCredentials, configurationProblems } from './channel-credential-schemas';
import { ChannelsException } from './channels.exception';

/** The checks a channel must pass whenever it is written, on create and on PATCH alike. */
@Injectable()
export class ChannelRules {
  constructor(
    private readonly bots: BotRepository,
    private readonly tenants: TenantConnections,
  ) {}

  /** Looked up through the caller's scope, so another workspace's bot reads as missing. */
  async assertBotInWorkspace(scope: TenantScope, botId: string | null | undefined): Promise<void> {
    if (!botId) return;
    if (!(await this.bots.findById(scope, botId))) throw ChannelsException.botNotFound();
  }

  /** Returns the credentials typed once they are known to fit the type's schema. */
  assertConfiguration(
    type: ChannelType,
    credentials: Record<string, unknown>,
    settings: Record<string, unknown>,
  ): ChannelCredentials {
    const problems = configurationProblems(type, credentials, settings);
    if (problems.length > 0) throw ChannelsException.configurationInvalid(problems);
    return credentials as ChannelCredentials;
  }

  /**
   * Mail is routed by address across the whole platform, so an address feeds one live channel:
   * no workspace can claim an address, and read the mail, of another's channel. Checked in the
   * shared database (where mail is routed) and in the workspace's own one when it has one.
   */
  async assertAddressesFree(
    scope: TenantScope,
    type: ChannelType,
    settings: Record<string, unknown>,
    channelId: string | null,
  ): Promise<void> {
    const addresses = claimedAddresses(type, settings);
    if (addresses.length === 0) return;
    const databases = new Set<Sequelize>([this.tenants.sequelize, scope.sequelize]);
    const taken = new Set<string>();
    for (const sequelize of databases) {
      const rows = await sequelize.query<{ address: string }>(
        `SELECT DISTINCT a.address FROM channels ch
           CROSS JOIN LATERAL jsonb_array_elements_text(
             CASE WHEN jsonb_typeof(ch.settings -> 'addresses') = 'array'
                  THEN ch.settings -> 'addresses' ELSE '[]'::jsonb END) AS a(address)
          WHERE ch.type = :type AND ch.deleted_at IS NULL
            AND ch.id <> coalesce(CAST(:channelId AS uuid), '00000000-0000-0000-0000-000000000000')
            AND a.address = ANY(CAST(:addresses AS text[]))`,
        {
          replacements: { type, channelId, addresses: `{${addresses.join(',')}}` },
          type: QueryTypes.SELECT,
        },
      );
      for (const row of rows) taken.add(row.address);
    }
    if (taken.size > 0) throw ChannelsException.addressesTaken([...taken].sort());
  }
}
