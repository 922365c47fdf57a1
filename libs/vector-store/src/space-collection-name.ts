import { createHash } from 'node:crypto';
import { type EmbeddingSpace, spaceKey } from '@cxgenie/embeddings';

const MAX_READABLE_PART = 120;

/**
 * The table (LanceDB) or collection (Milvus) name of a space. Both engines only allow letters,
 * digits and underscores to be safe (Milvus also requires a leading letter), so the space key is
 * slugged; the hash keeps `a/b@3` and `a_b@3` apart after slugging.
 */
export function spaceCollectionName(space: EmbeddingSpace): string {
  const key = spaceKey(space);
  const readable = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_READABLE_PART);
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 10);
  return `knowledge_${readable}_${digest}`;
}
