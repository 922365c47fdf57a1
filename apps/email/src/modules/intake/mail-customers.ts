import { Injectable } from '@nestjs/common';
import { ChannelCustomerRepository, type TenantScope } from '@cxgenie/database';
import type { MailAddress } from './parsing/parse-mail';

// Long enough that a busy sender's mail skips the lookup; short enough that a customer deleted or
// merged by an agent is looked up again soon (the repository then hands out a new one).
const CACHE_TTL_MS = 30_000;
const MAX_CACHED = 50_000;

/**
 * The customer behind a sender address on a channel (their identity is the address), created on
 * their first mail. Lookups are remembered for a while: a customer writes many mails, and finding
 * them costs a transaction.
 */
@Injectable()
export class MailCustomers {
  private readonly cache = new Map<string, { customerId: string; expiresAt: number }>();

  constructor(private readonly customers: ChannelCustomerRepository) {}

  async idOf(scope: TenantScope, channelId: string, sender: MailAddress): Promise<string> {
    const key = `${scope.workspaceId}|${channelId}|${sender.address}`;
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.customerId;
    const { customer } = await this.customers.findOrCreate(scope, channelId, sender.address, {
      ...(sender.name && { name: sender.name }),
      email: sender.address,
    });
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, { customerId: customer.id, expiresAt: Date.now() + CACHE_TTL_MS });
    return customer.id;
  }
}
