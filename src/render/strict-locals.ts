// Development and tests: locals that throw when a template reads a name they lack, where EJS would print "".

/** A template read a local it was not given: a misspelt name, or a key its locals builder left out. */
export class MissingLocalError extends Error {
  readonly template: string;
  readonly local: string;

  constructor(template: string, local: string, known: readonly string[]) {
    super(`${template} reads ${local}, which its locals do not have (they have: ${known.join(', ') || 'nothing'})`);
    this.name = 'MissingLocalError';
    this.template = template;
    this.local = local;
  }
}

/** The object behind each guard, so that locals handed on to a partial are guarded in the partial's name, not twice. */
const targets = new WeakMap<object, object>();

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Class instances (Date, Map, our own) are left alone: their methods break when `this` is a Proxy. */
function guardable(value: unknown): value is object {
  return typeof value === 'object' && value !== null && (Array.isArray(value) || isPlainObject(value));
}

/** A proxy may not hand out a wrapper for a frozen property (the Proxy invariants), so frozen values go unguarded. */
function frozen(object: object, key: string): boolean {
  const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
  return descriptor !== undefined && !descriptor.configurable && !descriptor.writable;
}

/**
 * Wraps locals, and the plain objects and arrays inside them, so that reading a missing key throws
 * MissingLocalError. Array indices are not checked: reading past the end is how templates test for an item.
 */
export function strictLocals<T extends object>(template: string, locals: T, path = 'it'): T {
  const target = (targets.get(locals) ?? locals) as T;
  const array = Array.isArray(target);
  const guard = new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'symbol') return Reflect.get(object, key, receiver) as unknown;
      if (!array && !(key in object)) throw new MissingLocalError(template, `${path}.${key}`, Object.keys(object));
      const value: unknown = Reflect.get(object, key, receiver);
      if (!guardable(value) || frozen(object, key)) return value;
      return strictLocals(template, value, array ? `${path}[${key}]` : `${path}.${key}`);
    },
  });
  targets.set(guard, target);
  return guard;
}
