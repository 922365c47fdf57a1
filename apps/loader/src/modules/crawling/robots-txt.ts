/** RFC 9309 robots.txt: the rules of the group that applies to us, and the sitemaps listed. */
export interface RobotsRules {
  isAllowed(pathAndQuery: string): boolean;
  sitemaps: string[];
}

interface Rule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
}

/** Parsers must handle at least 500 KiB (RFC 9309 §2.5); anything past it is ignored. */
export const MAX_ROBOTS_BYTES = 500 * 1024;

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, sitemaps: [] };
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, sitemaps: [] };

/** `*` matches any run of characters; a final `$` anchors the end; everything else is literal. */
function compile(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    // Non-ASCII in a rule is compared in the percent-encoded form URLs arrive in.
    .replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c))
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

function parseGroups(text: string): { groups: Group[]; sitemaps: string[] } {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | null = null;
  let inAgentLines = false;
  for (const rawLine of text.slice(0, MAX_ROBOTS_BYTES).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'sitemap') {
      if (value) sitemaps.push(value);
    } else if (key === 'user-agent') {
      // Consecutive user-agent lines share one group; one after rules starts a new group.
      if (!current || !inAgentLines) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      inAgentLines = true;
    } else if (key === 'allow' || key === 'disallow') {
      inAgentLines = false;
      // An empty rule matches nothing; a rule before any user-agent line belongs to no group.
      if (!current || value === '') continue;
      current.rules.push({ allow: key === 'allow', pattern: value, regex: compile(value) });
    }
  }
  return { groups, sitemaps };
}

/** The product token a group's user-agent line names, e.g. `cxgeniebot` of `CXGenieBot/1.0 …`. */
export const productTokenOf = (userAgent: string): string =>
  userAgent.trim().split(/[\s/]/)[0]?.toLowerCase() ?? '';

export function parseRobotsTxt(text: string, userAgent: string): RobotsRules {
  const { groups, sitemaps } = parseGroups(text);
  const token = productTokenOf(userAgent);
  const ours = groups.filter((g) => g.agents.some((agent) => productTokenOf(agent) === token));
  const applying = ours.length > 0 ? ours : groups.filter((g) => g.agents.includes('*'));
  const rules = applying.flatMap((g) => g.rules);
  return {
    sitemaps,
    isAllowed(pathAndQuery: string): boolean {
      if (pathAndQuery === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const rule of rules) {
        if (!rule.regex.test(pathAndQuery)) continue;
        // The most specific (longest) rule wins; on a tie, allow wins (RFC 9309 §2.2.2).
        if (
          !best ||
          rule.pattern.length > best.pattern.length ||
          (rule.pattern.length === best.pattern.length && rule.allow)
        )
          best = rule;
      }
      return best?.allow ?? true;
    },
  };
}
