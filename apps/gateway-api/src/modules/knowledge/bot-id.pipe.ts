import { Injectable, type PipeTransform } from '@nestjs/common';
import { ResourceNotFoundException } from '../../core-modules/http/resource-not-found.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A bot path id that is not a UUID names no bot: the same 404 as another workspace's bot. */
@Injectable()
export class BotIdParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new ResourceNotFoundException('Bot');
    return value;
  }
}
