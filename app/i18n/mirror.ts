/**
 * The shape an English locale file must have, given its Vietnamese twin: the same keys at every
 * depth, every string leaf any string. Vietnamese plurals need only `_other`; English also needs
 * `_one` beside each of them, so `x_other` in Vietnamese requires `x_one` and `x_other` here.
 * Used as `export default { ... } as const satisfies Mirror<typeof vi>`: a key missing from
 * English, or an English key Vietnamese lacks, fails the type check.
 */
export type Mirror<T> = T extends string
  ? string
  : T extends readonly unknown[]
    ? { readonly [I in keyof T]: Mirror<T[I]> }
    : { readonly [K in keyof T]: Mirror<T[K]> } & { readonly [K in PluralOne<keyof T>]: string };

type PluralOne<K> = K extends `${infer Base}_other` ? `${Base}_one` : never;
