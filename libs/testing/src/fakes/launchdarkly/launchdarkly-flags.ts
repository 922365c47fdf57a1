/*
 * Flag configurations in LaunchDarkly's own JSON (what its streaming and polling endpoints send
 * the server-side SDKs), built the way the LaunchDarkly dashboard would for the common cases.
 */

export type LdValue = boolean | number | string | null | LdValue[] | { [key: string]: LdValue };

export interface LdClause {
  contextKind: string;
  attribute: string;
  op: 'in';
  values: LdValue[];
  negate: boolean;
}

export interface LdRule {
  id: string;
  variation: number;
  clauses: LdClause[];
  trackEvents: boolean;
}

export interface LdTarget {
  contextKind: string;
  values: string[];
  variation: number;
}

export interface LdFlag {
  key: string;
  version: number;
  on: boolean;
  variations: LdValue[];
  fallthrough: { variation: number };
  offVariation: number;
  targets: { values: string[]; variation: number }[];
  contextTargets: LdTarget[];
  rules: LdRule[];
  prerequisites: [];
  salt: string;
  trackEvents: boolean;
  trackEventsFallthrough: boolean;
  clientSide: boolean;
  deleted?: boolean;
}

export interface LdFlagSpec {
  variations: LdValue[];
  /** Served to everyone not targeted (index into variations). Default 0. */
  fallthrough?: number;
  /** Served while the flag is off. Default: the fallthrough. */
  offVariation?: number;
  on?: boolean;
  /** Individual targets: contexts of `contextKind` whose key is listed get `variation`. */
  targets?: { contextKind: string; keys: string[]; variation: number }[];
  /** Rules: contexts of `contextKind` whose `attribute` is one of `values` get `variation`. */
  rules?: { contextKind: string; attribute?: string; values: LdValue[]; variation: number }[];
}

/** A full flag as LaunchDarkly serves it (the version is set by whoever publishes it). */
export function ldFlag(key: string, spec: LdFlagSpec, version = 1): LdFlag {
  const fallthrough = spec.fallthrough ?? 0;
  return {
    key,
    version,
    on: spec.on ?? true,
    variations: spec.variations,
    fallthrough: { variation: fallthrough },
    offVariation: spec.offVariation ?? fallthrough,
    targets: [],
    contextTargets: (spec.targets ?? []).map((t) => ({
      contextKind: t.contextKind,
      values: t.keys,
      variation: t.variation,
    })),
    rules: (spec.rules ?? []).map((rule, i) => ({
      id: `rule-${key}-${i}`,
      variation: rule.variation,
      clauses: [
        {
          contextKind: rule.contextKind,
          attribute: rule.attribute ?? 'key',
          op: 'in',
          values: rule.values,
          negate: false,
        },
      ],
      trackEvents: false,
    })),
    prerequisites: [],
    salt: `salt-${key}`,
    trackEvents: false,
    trackEventsFallthrough: false,
    clientSide: false,
  };
}
