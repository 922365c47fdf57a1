import { Injectable } from '@nestjs/common';
import { type Includeable, Op, type Transaction, type WhereOptions } from 'sequelize';
import type { MemberRole } from '@cxgenie/contracts';
import type { User, WorkspaceMember } from '../models/workspace.models';
import { TenantConnections } from '../tenancy/tenant-connections';
import type { TenantScope } from '../tenancy/tenant-scope';
import { type Page, decodeCursor, encodeCursor } from './cursor';

/** A membership with the account it belongs to, as every member read returns it. */
export type MemberWithUser = WorkspaceMember & { user: Pick<User, 'id' | 'name' | 'email'> };

export type MemberPatch = Partial<
  Pick<WorkspaceMember, 'role' | 'availability' | 'maxConcurrentConversations'>
>;

export interface MemberListOptions {
  where?: WhereOptions<WorkspaceMember>;
  limit: number;
  cursor?: string;
}

/** The rows a role change or removal must hold still while it checks the last-owner rule. */
export interface LockedMembers {
  member: WorkspaceMember | null;
  ownerCount: number;
}

/**
 * Memberships are control-plane rows (the auth guard and login read them), so they are always
 * read from the control connection and filtered by the caller's workspace here, never by input.
 * Soft-deleted memberships and deleted accounts read as missing.
 */
@Injectable()
export class MemberRepository {
  constructor(private readonly tenants: TenantConnections) {}

  findById(scope: TenantScope, id: string): Promise<MemberWithUser | null> {
    return this.findOne({ id, workspaceId: scope.workspaceId });
  }

  findByUserId(
    scope: TenantScope,
    userId: string,
    transaction?: Transaction,
  ): Promise<MemberWithUser | null> {
    return this.findOne({ userId, workspaceId: scope.workspaceId }, transaction);
  }

  async findByEmail(scope: TenantScope, email: string): Promise<MemberWithUser | null> {
    const user = await this.tenants.control.User.findOne({ where: { email } });
    return user ? this.findByUserId(scope, user.id) : null;
  }

  async list(scope: TenantScope, { where, limit, cursor }: MemberListOptions) {
    const after = cursor ? decodeCursor(cursor) : null;
    const conditions: WhereOptions<WorkspaceMember>[] = [
      { ...(where as object), workspaceId: scope.workspaceId },
    ];
    if (after) {
      conditions.push({
        [Op.or]: [
          { createdAt: { [Op.lt]: after.at } },
          { createdAt: after.at, id: { [Op.lt]: after.id } },
        ],
      });
    }
    const rows = (await this.tenants.control.WorkspaceMember.findAll({
      where: { [Op.and]: conditions },
      include: [this.userInclude()],
      order: [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: limit + 1,
    })) as MemberWithUser[];
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const page: Page<MemberWithUser> = {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
    return page;
  }

  async create(
    scope: TenantScope,
    values: { userId: string; role: MemberRole },
    transaction?: Transaction,
  ): Promise<WorkspaceMember> {
    return this.tenants.control.WorkspaceMember.create(
      { ...values, workspaceId: scope.workspaceId },
      { transaction },
    );
  }

  /** A transaction on the control database, where memberships, users and invitations live. */
  transaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.tenants.sequelize.transaction(work);
  }

  /**
   * Locks the workspace's owners and the given member in one statement (id order, so concurrent
   * changes cannot deadlock) and hands them to `work`: two owners demoting each other at once
   * cannot both see "another owner remains".
   */
  withOwnersLocked<T>(
    scope: TenantScope,
    memberId: string,
    work: (locked: LockedMembers, transaction: Transaction) => Promise<T>,
  ): Promise<T> {
    return this.transaction(async (transaction) => {
      const rows = await this.tenants.control.WorkspaceMember.findAll({
        where: {
          workspaceId: scope.workspaceId,
          [Op.or]: [{ role: 'owner' }, { id: memberId }],
        },
        order: [['id', 'ASC']],
        lock: transaction.LOCK.UPDATE,
        transaction,
      });
      const locked: LockedMembers = {
        member: rows.find((row) => row.id === memberId) ?? null,
        ownerCount: rows.filter((row) => row.role === 'owner').length,
      };
      return work(locked, transaction);
    });
  }

  async update(member: WorkspaceMember, patch: MemberPatch, transaction?: Transaction) {
    await member.update(patch, { transaction });
  }

  /** Soft-deletes the membership and ends the member's sessions into this workspace. */
  async remove(member: WorkspaceMember, transaction?: Transaction): Promise<void> {
    await member.destroy({ transaction });
    await this.tenants.control.RefreshToken.update(
      { revokedAt: new Date() },
      {
        where: {
          userId: member.userId,
          workspaceId: member.workspaceId,
          revokedAt: { [Op.is]: null },
        },
        transaction,
      },
    );
  }

  private async findOne(
    where: WhereOptions<WorkspaceMember>,
    transaction?: Transaction,
  ): Promise<MemberWithUser | null> {
    const row = await this.tenants.control.WorkspaceMember.findOne({
      where,
      include: [this.userInclude()],
      transaction,
    });
    return row as MemberWithUser | null;
  }

  private userInclude(): Includeable {
    return {
      model: this.tenants.control.User,
      as: 'user',
      required: true,
      attributes: ['id', 'name', 'email'],
    };
  }
}
