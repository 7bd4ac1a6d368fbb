// The fields a zod form schema can read, and the largest index of each of its lists. A
// submission is cut down to those fields before Conform builds anything from it: an unknown
// name is dropped (so a reply never echoes more than the form has), a list index above the
// schema's maximum is refused. Conform would otherwise build an array of length N from
// `x[N]` and zod would walk all of it.
import type { ZodTypeAny } from "zod";

/** Lists without a `.max()` in their schema accept indexes below this. */
export const DEFAULT_LIST_MAX = 1000;
const MAX_DEPTH = 8;

type Shape =
  | { kind: "leaf" }
  | { kind: "object"; keys: Map<string, Shape>; rest: Shape | null }
  | { kind: "array"; max: number; element: Shape };

const LEAF: Shape = { kind: "leaf" };

/** Keys that can never name a field, whatever the schema says. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function merge(a: Shape, b: Shape): Shape {
  if (a.kind === "leaf") return b;
  if (b.kind === "leaf") return a;
  if (a.kind === "array" && b.kind === "array") return { kind: "array", max: Math.max(a.max, b.max), element: merge(a.element, b.element) };
  if (a.kind === "object" && b.kind === "object") {
    const keys = new Map(a.keys);
    for (const [key, shape] of b.keys) keys.set(key, keys.has(key) ? merge(keys.get(key)!, shape) : shape);
    const rest = a.rest && b.rest ? merge(a.rest, b.rest) : (a.rest ?? b.rest);
    return { kind: "object", keys, rest };
  }
  // An object in one branch and a list in the other: keep the list, whose index is bounded.
  return a.kind === "array" ? a : b;
}

type Def = {
  typeName?: string;
  shape?: () => Record<string, ZodTypeAny>;
  type?: ZodTypeAny;
  schema?: ZodTypeAny;
  innerType?: ZodTypeAny;
  in?: ZodTypeAny;
  left?: ZodTypeAny;
  right?: ZodTypeAny;
  options?: ZodTypeAny[] | Map<unknown, ZodTypeAny>;
  items?: ZodTypeAny[];
  valueType?: ZodTypeAny;
  getter?: () => ZodTypeAny;
  maxLength?: { value: number } | null;
  exactLength?: { value: number } | null;
};

function shapeOf(schema: ZodTypeAny, depth: number): Shape {
  if (depth > MAX_DEPTH) return LEAF;
  const def = (schema as unknown as { _def: Def })._def;
  const next = (s: ZodTypeAny | undefined) => (s ? shapeOf(s, depth + 1) : LEAF);
  switch (def.typeName) {
    case "ZodObject": {
      const keys = new Map<string, Shape>();
      for (const [key, value] of Object.entries(def.shape!())) keys.set(key, next(value));
      return { kind: "object", keys, rest: null };
    }
    case "ZodArray": {
      const max = def.exactLength?.value ?? def.maxLength?.value ?? DEFAULT_LIST_MAX;
      return { kind: "array", max: Math.min(max, DEFAULT_LIST_MAX), element: next(def.type) };
    }
    case "ZodTuple":
      return { kind: "array", max: def.items!.length, element: def.items!.map(next).reduce(merge, LEAF) };
    case "ZodRecord":
      return { kind: "object", keys: new Map(), rest: next(def.valueType) };
    case "ZodEffects":
    case "ZodBranded":
      return next(def.schema ?? def.type);
    case "ZodOptional":
    case "ZodNullable":
    case "ZodDefault":
    case "ZodCatch":
    case "ZodReadonly":
      return next(def.innerType);
    case "ZodPipeline":
      return next(def.in);
    case "ZodLazy":
      return next(def.getter!());
    case "ZodIntersection":
      return merge(next(def.left), next(def.right));
    case "ZodUnion":
    case "ZodDiscriminatedUnion": {
      const options = Array.isArray(def.options) ? def.options : [...(def.options?.values() ?? [])];
      return options.map(next).reduce(merge, LEAF);
    }
    default:
      return LEAF;
  }
}

const cache = new WeakMap<ZodTypeAny, Shape>();

function cachedShape(schema: ZodTypeAny): Shape {
  let shape = cache.get(schema);
  if (!shape) cache.set(schema, (shape = shapeOf(schema, 0)));
  return shape;
}

/** `a.b[2].c` → ["a", "b", 2, "c"]; `a[]` → ["a", ""]; null when the name is not a path. */
export function pathOf(name: string): (string | number)[] | null {
  const head = /^[^.[\]]+/.exec(name);
  if (!head) return null;
  const segments: (string | number)[] = [head[0]];
  const rest = /\.([^.[\]]+)|\[(\d{0,7})\]/y;
  rest.lastIndex = head[0].length;
  while (rest.lastIndex < name.length) {
    const match = rest.exec(name);
    if (!match) return null;
    if (match[1] !== undefined) segments.push(match[1]);
    else segments.push(match[2] === "" ? "" : Number(match[2]));
  }
  return segments;
}

export type FieldVerdict = "keep" | "drop" | "outOfRange";

/** Whether the schema reads the field of this name: kept, dropped (unknown), or a list index beyond its maximum. */
export function fieldVerdict(schema: ZodTypeAny, name: string): FieldVerdict {
  if (/\[\d{8,}\]/.test(name)) return "outOfRange";
  const path = pathOf(name);
  if (!path) return "drop";
  let shape = cachedShape(schema);
  for (const segment of path) {
    if (typeof segment === "number" || segment === "") {
      // A plain value at a list's name repeats it (`ids=1&ids=2`); an index must stay under its max.
      if (shape.kind !== "array") return "drop";
      if (typeof segment === "number" && segment >= shape.max) return "outOfRange";
      shape = shape.element;
      continue;
    }
    if (FORBIDDEN_KEYS.has(segment)) return "drop";
    if (shape.kind !== "object") return "drop";
    const child = shape.keys.get(segment) ?? shape.rest;
    if (!child) return "drop";
    shape = child;
  }
  return "keep";
}

export type FormCut = { form: FormData; outOfRange: boolean };

/** The submission cut down to the fields the schema reads; `outOfRange` when a list index passed its maximum. */
export function cutToSchema(formData: FormData | URLSearchParams, schema: ZodTypeAny): FormCut {
  const form = new FormData();
  let outOfRange = false;
  for (const [name, value] of formData) {
    const verdict = fieldVerdict(schema, name);
    if (verdict === "outOfRange") outOfRange = true;
    else if (verdict === "keep") form.append(name, value);
  }
  return { form, outOfRange };
}
