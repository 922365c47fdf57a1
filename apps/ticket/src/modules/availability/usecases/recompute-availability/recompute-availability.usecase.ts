import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { QueryTypes } from 'sequelize';
import { AnalyticsPublisher } from '@cxgenie/analytics';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import {
  type AgentPresenceEvent,
  type Availability,
  type AvailabilitySource,
  ServerEvents,
} from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { REDIS_CLIENT } from '@cxgenie/redis';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { AssignmentAnnouncer } from '../../../assignment/assignment-announcer';
import { AssignWaitingTickets } from '../../../assignment/usecases/assign-waiting-tickets/assign-waiting-tickets.usecase';
import { effectiveAvailability } from '../../availability-rule';
import { readPresenceFacts, rememberEffective } from '../../presence-facts';
import type { RecomputeAvailabilityCommand } from './recompute-availability.command';

/**
 * Derives an agent's availability from the presence facts and stores it when it changed, with a
 * `member_availability_logs` row, an `agent.presence` event and an `agent.availability` fact
 * (with when the previous availability began, so analytics can count the time spent in it). The member row is locked while
 * the facts are read, so two recomputations of one agent (a connect and a disconnect racing)
 * apply in order and the later one sees the later facts. An agent coming online may get waiting
 * tickets at once.
 */
@Injectable()
export class RecomputeAvailability {
  private readonly idleAfterMs: number;

  constructor(
    private readonly tenants: TenantConnections,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly assignWaiting: AssignWaitingTickets,
    private readonly announcer: AssignmentAnnouncer,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly analytics: AnalyticsPublisher,
  ) {
    this.idleAfterMs = config.tickets.agentIdleAfterSeconds * 1000;
  }

  async execute(command: RecomputeAvailabilityCommand): Promise<AgentPresenceEvent | null> {
    const change = await this.tenants.sequelize.transaction(async (transaction) => {
      const [member] = await this.tenants.sequelize.query<{
        id: string;
        availability: Availability;
      }>(
        `SELECT id, availability FROM workspace_members
          WHERE workspace_id = :workspaceId AND user_id = :userId AND deleted_at IS NULL
          FOR UPDATE`,
        {
          replacements: { workspaceId: command.workspaceId, userId: command.userId },
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      if (!member) return null;
      const now = Date.now();
      const facts = await readPresenceFacts(
        this.redis,
        this.config.queuePrefix,
        command.workspaceId,
        command.userId,
        now,
      );
      const next = effectiveAvailability(facts, now, this.idleAfterMs);
      await rememberEffective(
        this.redis,
        this.config.queuePrefix,
        command.workspaceId,
        command.userId,
        next,
      );
      if (next === member.availability) return null;
      const source = sourceOfChange(command.source, next, facts.cause);
      const [logged] = await this.tenants.sequelize.query<{
        id: string;
        created_at: Date;
        previous_since: Date | null;
      }>(
        `WITH changed AS (
           UPDATE workspace_members SET availability = :next, last_seen_at = now(), updated_at = now()
            WHERE id = :memberId
         ), since AS (
           SELECT max(created_at) AS at FROM member_availability_logs WHERE member_id = :memberId
         )
         INSERT INTO member_availability_logs (workspace_id, member_id, user_id, availability, previous, source)
         VALUES (:workspaceId, :memberId, :userId, :next, :previous, :source)
         RETURNING id, created_at, (SELECT at FROM since) AS previous_since`,
        {
          replacements: {
            ...command,
            memberId: member.id,
            next,
            previous: member.availability,
            source,
          },
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      const event: AgentPresenceEvent = {
        workspaceId: command.workspaceId,
        userId: command.userId,
        memberId: member.id,
        availability: next,
        previous: member.availability,
        source,
        at: new Date(logged!.created_at).toISOString(),
      };
      return {
        event,
        logId: logged!.id,
        previousSince: logged!.previous_since
          ? new Date(logged!.previous_since).toISOString()
          : null,
      };
    });
    if (!change) return null;
    const { event, logId, previousSince } = change;
    this.analytics.record({
      type: 'agent.availability',
      id: logId,
      workspaceId: event.workspaceId,
      occurredAt: event.at,
      agentId: event.userId,
      availability: event.availability,
      previous: event.previous,
      previousSince,
    });
    this.broadcaster.toAgents(event.workspaceId, ServerEvents.AgentPresence, event, [event.userId]);
    if (event.availability === 'online') {
      this.announcer.announce(await this.assignWaiting.execute(event.workspaceId));
    }
    return event;
  }
}

/**
 * Why the availability changed. The sweep may be first to see a change a gateway made (a chosen
 * status, a socket) before that gateway's job runs: the change is still that gateway's cause. The
 * sweep's own findings are inactivity (idle) and sockets of a dead gateway (sweep).
 */
function sourceOfChange(
  trigger: AvailabilitySource,
  next: Availability,
  cause: AvailabilitySource | null,
): AvailabilitySource {
  if (trigger !== 'sweep') return trigger;
  if (cause) return cause;
  return next === 'idle' ? 'idle' : 'sweep';
}
