import type { Customer } from '../models/conversation.models';
import type { TenantScope } from '../tenancy/tenant-scope';
import { pgSafeText, pgSafeValue } from '../text/postgres-text';

export interface CustomerProfile {
  name?: string;
  email?: string;
  locale?: string;
}

export interface ChannelCustomer {
  customer: Customer;
  created: boolean;
}

/**
 * Customers as one channel knows them (a PSID, a phone number, a widget visitor id). Always
 * within the scope's workspace: the channel id alone is never trusted to pick the tenant.
 */
export class ChannelCustomerRepository {
  /** The customer behind (channel, externalId), if there is one. */
  async find(scope: TenantScope, channelId: string, externalId: string): Promise<Customer | null> {
    const { Customer, CustomerIdentity } = scope.models;
    const workspaceId = scope.workspaceId;
    const identity = await CustomerIdentity.findOne({
      where: { workspaceId, channelId, externalId },
    });
    return identity ? Customer.findOne({ where: { workspaceId, id: identity.customerId } }) : null;
  }

  /**
   * The customer behind (channel, externalId), created with the profile when there is none.
   * Serialised per identity, so concurrent first messages resolve to one customer.
   */
  findOrCreate(
    scope: TenantScope,
    channelId: string,
    rawExternalId: string,
    rawProfile: CustomerProfile = {},
  ): Promise<ChannelCustomer> {
    // Platform-supplied: a NUL in a display name must not refuse the customer's every message.
    const externalId = pgSafeText(rawExternalId);
    const profile = pgSafeValue(rawProfile);
    const { Customer, CustomerIdentity } = scope.models;
    const workspaceId = scope.workspaceId;
    return scope.sequelize.transaction(async (transaction) => {
      await scope.sequelize.query('SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))', {
        replacements: { key: `identity:${channelId}:${externalId}` },
        transaction,
      });
      const identity = await CustomerIdentity.findOne({
        where: { workspaceId, channelId, externalId },
        transaction,
      });
      const known = identity
        ? await Customer.findOne({ where: { workspaceId, id: identity.customerId }, transaction })
        : null;
      if (known) return { customer: known, created: false };

      const customer = await Customer.create({ workspaceId, ...profile }, { transaction });
      // A soft-deleted customer's identity is handed to the new one rather than left dangling.
      if (identity) await identity.update({ customerId: customer.id }, { transaction });
      else
        await CustomerIdentity.create(
          { workspaceId, customerId: customer.id, channelId, externalId },
          { transaction },
        );
      return { customer, created: true };
    });
  }
}
