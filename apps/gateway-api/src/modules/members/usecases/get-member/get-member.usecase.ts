import { Injectable } from '@nestjs/common';
import { MemberRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import type { MemberResponse } from '../../dto/member.dto';
import { presentMember } from '../../member.presenter';

@Injectable()
export class GetMember {
  constructor(private readonly members: MemberRepository) {}

  async execute(scope: TenantScope, id: string): Promise<MemberResponse> {
    const member = await this.members.findById(scope, id);
    if (!member) throw new ResourceNotFoundException('Member');
    return presentMember(member);
  }
}
