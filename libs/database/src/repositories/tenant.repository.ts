import {
  type Attributes,
  type CreationAttributes,
  type Model,
  type ModelStatic,
  Op,
  type WhereOptions,
} from 'sequelize';
import type { TenantScope } from '../tenancy/tenant-scope';
import { type Page, decodeCursor, encodeCursor } from './cursor';

type TenantRow = Model & { id: string; workspaceId: string; createdAt: Date };

export interface ListOptions<M extends TenantRow> {
  where?: WhereOptions<Attributes<M>>;
  limit: number;
  cursor?: string;
}

/**
 * Data access for rows a workspace owns. Every method takes the caller's TenantScope and adds its
 * workspace to the query, so no call site can forget the tenant: another workspace's id reads as
 * missing, exactly like an id that never existed.
 */
export abstract class TenantRepository<M extends TenantRow> {
  protected abstract model(scope: TenantScope): ModelStatic<M>;

  findById(scope: TenantScope, id: string): Promise<M | null> {
    return this.model(scope).findOne({
      where: this.scoped(scope, { id } as unknown as WhereOptions<Attributes<M>>),
    });
  }

  async list(scope: TenantScope, { where, limit, cursor }: ListOptions<M>): Promise<Page<M>> {
    const after = cursor ? decodeCursor(cursor) : null;
    const conditions: WhereOptions[] = [this.scoped(scope, where)];
    if (after) {
      conditions.push({
        [Op.or]: [
          { createdAt: { [Op.lt]: after.at } },
          { createdAt: after.at, id: { [Op.lt]: after.id } },
        ],
      });
    }
    const rows = await this.model(scope).findAll({
      where: { [Op.and]: conditions } as WhereOptions<Attributes<M>>,
      order: [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }

  create(scope: TenantScope, values: Omit<CreationAttributes<M>, 'workspaceId'>): Promise<M> {
    return this.model(scope).create({
      ...values,
      workspaceId: scope.workspaceId,
    } as unknown as CreationAttributes<M>);
  }

  async update(scope: TenantScope, id: string, patch: Partial<Attributes<M>>): Promise<M | null> {
    const row = await this.findById(scope, id);
    if (!row) return null;
    // workspaceId and id are never patchable, whatever the caller passed.
    const { workspaceId: _w, id: _i, ...allowed } = patch as Record<string, unknown>;
    return row.update(allowed as Partial<Attributes<M>>);
  }

  /** Soft-deletes where the model is paranoid, so the row can be recovered. */
  async remove(scope: TenantScope, id: string): Promise<boolean> {
    const row = await this.findById(scope, id);
    if (!row) return false;
    await row.destroy();
    return true;
  }

  protected scoped(
    scope: TenantScope,
    where?: WhereOptions<Attributes<M>>,
  ): WhereOptions<Attributes<M>> {
    return { ...(where as object), workspaceId: scope.workspaceId } as unknown as WhereOptions<
      Attributes<M>
    >;
  }
}
