import { Module } from '@nestjs/common';
import { MemberRepository } from '@cxgenie/database';
import { MembersController } from './members.controller';
import { GetMember } from './usecases/get-member/get-member.usecase';
import { ListMembers } from './usecases/list-members/list-members.usecase';
import { RemoveMember } from './usecases/remove-member/remove-member.usecase';
import { UpdateMember } from './usecases/update-member/update-member.usecase';

@Module({
  controllers: [MembersController],
  providers: [MemberRepository, ListMembers, GetMember, UpdateMember, RemoveMember],
})
export class MembersModule {}
