import { Injectable } from '@nestjs/common';
import { MemberRepository } from '@cxgenie/database';
import type { PageResponse } from '../../../../core-modules/http/pagination.dto';
import type { MemberResponse } from '../../dto/member.dto';
import { presentMember } from '../../member.presenter';
import type { ListMembersCommand } from './list-members.command';

@Injectable()
export class ListMembers {
  constructor(private readonly members: MemberRepository) {}

  async execute({
    scope,
    limit,
    cursor,
    role,
    availability,
  }: ListMembersCommand): Promise<PageResponse<MemberResponse>> {
    const page = await this.members.list(scope, {
      where: { ...(role ? { role } : {}), ...(availability ? { availability } : {}) },
      limit,
      cursor,
    });
    return { items: page.items.map(presentMember), nextCursor: page.nextCursor };
  }
}
