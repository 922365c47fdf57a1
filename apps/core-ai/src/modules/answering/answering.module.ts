import { Module } from '@nestjs/common';
import { AnswerController } from './answer.controller';
import { CannedAnswerProvider } from './canned-answer.provider';

@Module({ controllers: [AnswerController], providers: [CannedAnswerProvider] })
export class AnsweringModule {}
