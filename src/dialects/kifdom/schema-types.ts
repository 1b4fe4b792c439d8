/**
 * The TypeScript type of a JSON Schema literal (`as const`), for the subset
 * this dialect's request schemas use: objects with properties and required
 * lists, arrays, enums, and primitive types or unions of them. One literal is
 * both the validator (Fastify + Ajv) and the handler's type.
 */
type Primitive<T> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : never;

type ObjectOf<P, R> = { readonly [K in keyof P & R]: FromSchema<P[K]> } & { readonly [K in Exclude<keyof P, R>]?: FromSchema<P[K]> };

type Flatten<T> = { [K in keyof T]: T[K] };

export type FromSchema<S> = S extends { readonly enum: readonly (infer E)[] }
  ? E
  : S extends { readonly type: 'object'; readonly properties: infer P }
    ? Flatten<ObjectOf<P, S extends { readonly required: readonly (infer R)[] } ? R : never>>
    : S extends { readonly type: 'array'; readonly items: infer I }
      ? readonly FromSchema<I>[]
      : S extends { readonly type: readonly (infer T)[] }
        ? Primitive<T>
        : S extends { readonly type: infer T }
          ? Primitive<T>
          : unknown;
