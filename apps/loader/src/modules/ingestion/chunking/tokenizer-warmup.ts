import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { countTokens } from '@cxgenie/text-processing';

/**
 * Parses the tokenizer's rank table (about half a second) while the loader starts, rather than
 * inside the first job, where it would hold up that job and its lock renewals.
 */
@Injectable()
export class TokenizerWarmup implements OnApplicationBootstrap {
  onApplicationBootstrap(): void {
    countTokens('warm-up');
  }
}
