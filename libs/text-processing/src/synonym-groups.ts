import { stem } from './search-tokenizer';

/**
 * Words that name the same thing in software and customer-support writing. A hashed-n-gram
 * embedding only matches shared words; these groups add a shared "concept" feature, so a customer
 * who writes "stop" still lands near a page that says "cancel". General vocabulary only: nothing
 * here is specific to one product's documentation.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['stop', 'cancel', 'abort', 'terminate', 'kill', 'halt', 'interrupt'],
  ['delete', 'remove', 'drop', 'erase', 'purge', 'discard'],
  ['change', 'modify', 'alter', 'edit', 'adjust', 'amend'],
  ['rename', 'retitle'],
  ['create', 'define', 'add', 'new', 'setup'],
  [
    'permission',
    'privilege',
    'access',
    'right',
    'authorization',
    'authorisation',
    'grant',
    'allow',
  ],
  ['deny', 'forbid', 'restrict', 'prevent', 'block', 'revoke', 'disallow'],
  ['limit', 'maximum', 'max', 'cap', 'ceiling', 'quota', 'threshold'],
  ['minimum', 'min', 'floor', 'least'],
  ['concurrent', 'simultaneous', 'parallel', 'concurrently', 'simultaneously'],
  ['list', 'array', 'collection', 'sequence'],
  ['copy', 'duplicate', 'clone', 'replicate', 'mirror'],
  ['backup', 'dump', 'snapshot', 'export', 'archive'],
  ['restore', 'recover', 'recovery', 'reload', 'import', 'rollback'],
  ['speed', 'performance', 'fast', 'slow', 'latency', 'quick', 'throughput', 'efficient'],
  ['error', 'failure', 'fault', 'exception', 'bug', 'crash', 'broken'],
  ['log', 'logging', 'journal', 'audit', 'trace'],
  ['user', 'account', 'login', 'role', 'member', 'profile'],
  ['password', 'passphrase', 'credential', 'secret', 'passcode'],
  ['encrypt', 'encryption', 'ssl', 'tls', 'https', 'secure', 'certificate', 'cipher'],
  ['connect', 'connection', 'session', 'client', 'socket'],
  ['remote', 'network', 'external', 'tcp', 'internet', 'lan'],
  ['machine', 'host', 'computer', 'node', 'instance', 'box'],
  ['run', 'execute', 'invoke', 'launch', 'call', 'perform'],
  ['show', 'display', 'view', 'see', 'inspect', 'monitor', 'observe', 'watch'],
  ['find', 'search', 'lookup', 'locate', 'seek', 'filter', 'match'],
  ['tree', 'hierarchy', 'hierarchical', 'recursive', 'parent', 'child', 'nested'],
  ['regex', 'regexp', 'regular', 'pattern', 'wildcard', 'glob'],
  ['upsert', 'merge', 'conflict'],
  ['automatic', 'automatically', 'trigger', 'hook', 'callback', 'event'],
  ['size', 'space', 'disk', 'storage', 'bytes', 'footprint', 'capacity'],
  ['memory', 'ram', 'buffer', 'cache'],
  ['schedule', 'cron', 'periodic', 'recurring', 'interval'],
  ['install', 'installation', 'deploy', 'deployment', 'provision'],
  ['upgrade', 'migrate', 'migration', 'update', 'release', 'version'],
  ['price', 'cost', 'pricing', 'fee', 'charge', 'billing', 'invoice', 'payment', 'pay'],
  ['refund', 'reimburse', 'reimbursement', 'chargeback', 'money'],
  ['tenant', 'customer', 'organization', 'organisation', 'workspace', 'owner'],
  ['table', 'relation', 'entity'],
  ['column', 'field', 'attribute', 'property'],
  ['row', 'record', 'tuple', 'entry', 'item'],
  ['id', 'identifier', 'key', 'uuid', 'guid'],
  ['unique', 'distinct', 'duplicate'],
  ['sort', 'order', 'rank', 'ranking', 'sorted'],
  ['group', 'aggregate', 'category', 'bucket'],
  ['join', 'combine', 'link', 'relate'],
  ['date', 'time', 'timestamp', 'datetime', 'day', 'calendar', 'clock'],
  ['duration', 'interval', 'elapsed', 'age', 'difference'],
  ['month', 'monthly', 'week', 'weekly', 'year', 'yearly', 'daily'],
  ['number', 'integer', 'numeric', 'int', 'decimal', 'digit', 'count'],
  ['string', 'text', 'varchar', 'char', 'character'],
  ['json', 'jsonb', 'document', 'object'],
  ['notify', 'notification', 'alert', 'message', 'signal', 'push', 'listen', 'subscribe'],
  ['lock', 'mutex', 'latch', 'semaphore', 'exclusive'],
  ['wait', 'block', 'hang', 'stuck', 'freeze'],
  ['rebuild', 'recreate', 'reindex', 'regenerate', 'refresh'],
  ['bloat', 'fragmentation', 'fragmented', 'wasted', 'dead'],
  ['cleanup', 'clean', 'reclaim', 'compact', 'vacuum', 'garbage', 'free'],
  ['statistic', 'statistics', 'stats', 'metrics', 'analyze', 'analyse', 'histogram'],
  ['plan', 'explain', 'strategy', 'planner', 'optimizer'],
  ['replica', 'standby', 'secondary', 'slave', 'follower', 'replication'],
  ['primary', 'master', 'leader', 'main'],
  ['failover', 'switchover', 'promote', 'takeover'],
  ['partition', 'shard', 'split', 'segment', 'chunk'],
  ['schema', 'namespace'],
  ['function', 'procedure', 'routine', 'subroutine', 'method'],
  ['setting', 'parameter', 'option', 'configuration', 'config', 'preference', 'variable'],
  ['timeout', 'deadline', 'expire', 'expiry', 'expiration'],
  ['script', 'file', 'batch'],
  ['command', 'cli', 'terminal', 'shell', 'console', 'prompt'],
  ['enable', 'activate', 'turn', 'switch'],
  ['disable', 'deactivate', 'off'],
  ['label', 'tag', 'enum', 'enumerated', 'category'],
  ['fixed', 'static', 'constant', 'predefined'],
  ['read', 'select', 'fetch', 'retrieve', 'query', 'get'],
  ['write', 'insert', 'store', 'save', 'persist', 'put'],
  ['load', 'ingest', 'bulk'],
  ['csv', 'spreadsheet', 'tsv', 'delimited'],
  ['compress', 'compression', 'zip', 'gzip'],
  ['email', 'mail', 'inbox', 'smtp'],
  ['chat', 'conversation', 'messenger', 'widget'],
  ['agent', 'operator', 'staff', 'representative', 'support'],
  ['ticket', 'case', 'issue', 'request'],
  ['ship', 'shipping', 'shipment', 'delivery', 'deliver', 'parcel', 'tracking', 'courier'],
  ['order', 'purchase', 'buy', 'bought', 'checkout', 'cart'],
  ['subscription', 'plan', 'tier', 'license', 'licence'],
  ['warranty', 'guarantee', 'repair', 'replacement'],
  ['phone', 'mobile', 'smartphone', 'iphone', 'android', 'tablet'],
  ['login', 'signin', 'logon', 'authenticate', 'authentication', 'auth'],
  ['factor', 'mfa', '2fa', 'otp', 'totp'],
  ['webhook', 'api', 'endpoint', 'integration'],
];

let conceptsOfTerm: Map<string, string[]> | undefined;

/**
 * The synonym groups a search term (a `tokenizeForSearch` stem) belongs to, as stable ids such as
 * `~12`; empty for most terms. A word can belong to two groups ("order": sorting and purchases).
 */
export function conceptsOf(term: string): readonly string[] {
  if (!conceptsOfTerm) {
    conceptsOfTerm = new Map();
    SYNONYM_GROUPS.forEach((group, index) => {
      for (const word of group) {
        const key = stem(word);
        const ids = conceptsOfTerm!.get(key) ?? [];
        if (!ids.includes(`~${index}`)) ids.push(`~${index}`);
        conceptsOfTerm!.set(key, ids);
      }
    });
  }
  return conceptsOfTerm.get(term) ?? [];
}
