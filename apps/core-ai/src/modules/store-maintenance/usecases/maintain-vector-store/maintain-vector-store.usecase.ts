import { Inject, Injectable, Logger } from '@nestjs/common';
import { VECTOR_STORE, type VectorStore } from '@cxgenie/vector-store';

/**
 * Compacts the vector store and brings its indexes up to date, whichever process wrote the rows
 * (the loader, core-ai, an instance since restarted): unindexed rows and small fragments make
 * every read of the store slower. Returns the spaces it changed; a store that maintains itself
 * (Milvus) has nothing to do.
 */
@Injectable()
export class MaintainVectorStore {
  private readonly logger = new Logger(MaintainVectorStore.name);

  constructor(@Inject(VECTOR_STORE) private readonly store: VectorStore) {}

  async execute(): Promise<number> {
    if (!this.store.maintain) return 0;
    const started = performance.now();
    const changed = await this.store.maintain();
    if (changed > 0)
      this.logger.log(
        `vector store maintained: ${changed} space(s) in ${Math.round(performance.now() - started)} ms`,
      );
    return changed;
  }
}
