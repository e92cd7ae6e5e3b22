import type { ServerContext } from './context.js';

/** One `T` per running server, made on first use (a limiter, a service): `of(context)` answers it. */
export function perContext<T>(make: (context: ServerContext) => T): (context: ServerContext) => T {
  const made = new WeakMap<ServerContext, T>();
  return (context) => {
    let value = made.get(context);
    if (value === undefined) {
      value = make(context);
      made.set(context, value);
    }
    return value;
  };
}
