import { Op, QueryTypes, type ModelStatic, type WhereOptions, literal } from 'sequelize';
import type { ChannelType } from '@cxgenie/contracts';
import type { Customer, CustomerIdentity } from '../models/conversation.models';
import type { TenantScope } from '../tenancy/tenant-scope';
import { TenantRepository } from './tenant.repository';

/** How a customer is known on one channel, with the channel's type. */
export interface CustomerIdentityView {
  channelId: string;
  channelType: ChannelType;
  externalId: string;
}

export class CustomerIdentityRepository extends TenantRepository<CustomerIdentity> {
  protected model = (scope: TenantScope): ModelStatic<CustomerIdentity> =>
    scope.models.CustomerIdentity;

  /** Every identity of one customer on a live channel, joined with its channel in one query. */
  listWithChannels(scope: TenantScope, customerId: string): Promise<CustomerIdentityView[]> {
    return scope.sequelize.query<CustomerIdentityView>(
      `SELECT ci.channel_id AS "channelId", ch.type AS "channelType", ci.external_id AS "externalId"
         FROM customer_identities ci
         JOIN channels ch
           ON ch.id = ci.channel_id AND ch.workspace_id = ci.workspace_id AND ch.deleted_at IS NULL
        WHERE ci.workspace_id = :workspaceId AND ci.customer_id = :customerId
        ORDER BY ci.created_at, ci.id`,
      {
        replacements: { workspaceId: scope.workspaceId, customerId },
        type: QueryTypes.SELECT,
      },
    );
  }

  /** A condition on customers: those with an identity on the channel, as a subquery. */
  customersOnChannel(scope: TenantScope, channelId: string): WhereOptions<Customer> {
    const { sequelize, workspaceId } = scope;
    return {
      id: {
        [Op.in]: literal(
          `(SELECT customer_id FROM customer_identities
             WHERE workspace_id = ${sequelize.escape(workspaceId)}
               AND channel_id = ${sequelize.escape(channelId)})`,
        ),
      },
    };
  }
}
