// Compile-time ties between the documented response schemas and the services that produce the
// responses: when a service renames or drops a documented field, type checking fails here.

/** What a value becomes on the wire: JSON.stringify turns dates into ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer Item)[]
    ? Jsonified<Item>[]
    : T extends object
      ? { [Key in keyof T]: Jsonified<T[Key]> }
      : T;

/** Resolves only when `Actual` (a service's output) fits `Documented` (a schema's type). */
export type Documents<Documented, Actual extends Documented> = Actual;
