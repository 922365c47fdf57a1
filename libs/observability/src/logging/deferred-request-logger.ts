import type { Logger } from 'pino';

const REQUEST = Symbol('request');
const BOUND = Symbol('bound');

/** Methods that need the request in the bindings before they can answer. */
const BINDING_METHODS = ['child', 'bindings', 'setBindings'] as const;

type Deferred = Logger & { [REQUEST]: unknown; [BOUND]?: Logger };
type ChildFn = (this: Logger, bindings: object, options?: object) => Logger;
type AnyMethod = (...args: unknown[]) => unknown;

const onlyRequest = (bindings: object): bindings is { req: unknown } => {
  const keys = Object.keys(bindings);
  return keys.length === 1 && keys[0] === 'req';
};

/**
 * A logger for pino-http whose per-request child (`child({ req })`) binds the request only when
 * something is written through it. pino serialises child bindings when the child is made, so
 * pino-http would otherwise serialise and redact every request even when neither its request
 * line (level above info, or an ignored route) nor any handler line is written (ADR 0066).
 *
 * The deferred child inherits everything from its parent (level, serializers, mixin with the
 * trace id, destination); each level method, when its level is enabled, makes the real child
 * once and writes through it, so the lines are exactly those of an eager child.
 */
export function deferRequestBindings(root: Logger): Logger {
  const pinoChild = root.child as unknown as ChildFn;
  const prototypes = new WeakMap<Logger, Logger>();

  const boundFor = (parent: Logger, deferred: Deferred): Logger =>
    (deferred[BOUND] ??= pinoChild.call(parent, { req: deferred[REQUEST] }));

  const prototypeFor = (parent: Logger): Logger => {
    const known = prototypes.get(parent);
    if (known) return known;
    const proto = Object.create(parent) as Record<string, AnyMethod>;
    for (const level of Object.keys(parent.levels.values)) {
      proto[level] = function (this: Deferred, ...args: unknown[]) {
        if (!parent.isLevelEnabled(level)) return;
        (boundFor(parent, this) as unknown as Record<string, AnyMethod>)[level](...args);
      };
    }
    for (const name of BINDING_METHODS) {
      proto[name] = function (this: Deferred, ...args: unknown[]) {
        return (boundFor(parent, this) as unknown as Record<string, AnyMethod>)[name](...args);
      };
    }
    prototypes.set(parent, proto as unknown as Logger);
    return proto as unknown as Logger;
  };

  function child(this: Logger, bindings: object, options?: object): Logger {
    if (options !== undefined || !onlyRequest(bindings)) {
      return pinoChild.call(this, bindings, options);
    }
    const deferred = Object.create(prototypeFor(this)) as Deferred;
    // A destroyed socket no longer tells its peer, and the request may be serialised only after
    // its client went away: read once now, Node keeps the address for the socket's later reads.
    void (bindings.req as { socket?: { remoteAddress?: string } } | null)?.socket?.remoteAddress;
    deferred[REQUEST] = bindings.req;
    return deferred;
  }

  // pino children inherit from their parent, so pino-http's own child of this logger (made once,
  // with its serializers) inherits this `child` too, and so does every per-request child.
  const base = pinoChild.call(root, {});
  Object.defineProperty(base, 'child', { value: child, writable: true, configurable: true });
  return base;
}
