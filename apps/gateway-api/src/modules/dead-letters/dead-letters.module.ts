import { Module } from '@nestjs/common';
import { DeadLettersController } from './dead-letters.controller';
import { ListDeadLetters } from './usecases/list-dead-letters/list-dead-letters.usecase';

@Module({ controllers: [DeadLettersController], providers: [ListDeadLetters] })
export class DeadLettersModule {}
