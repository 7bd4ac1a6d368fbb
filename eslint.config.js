// Lint rules that keep two architectural decisions true (run by `npm test` and `npm run lint`):
// 1. Only the policy module (app/models/access/) looks at roles: everything else asks it for a
//    capability or a scope, so a new role touches the enum, the role table, the locales and the seed.
// 2. Routes hold no SQL: queries live in the models; a route only hands `getDb()` to them.
import tseslint from "typescript-eslint";

// Agreement parties have roles too (supporting, receiving, coordinating): comparing those is fine.
const PARTY_ROLE = "/^(supporting|receiving|coordinating)$/";
const USER_ROLES = "admin|department|director|trainer|viewer";

/** `x.role`, `x?.role` or a variable named `role`, on the given side of an expression. */
function roleOn(path) {
  return [
    `[${path}.type='MemberExpression'][${path}.property.name='role']`,
    `[${path}.type='ChainExpression'][${path}.expression.property.name='role']`,
    `[${path}.type='Identifier'][${path}.name='role']`,
  ];
}

const roleMessage =
  "Roles are compared only in app/models/access (the role table in policy.ts): ask it with hasCapability, canRead/canChange, the reach helpers or the scope-to-SQL helpers.";

const roleSelectors = [
  // `user.role === "admin"`, `role !== x` (either side), unless the other side is a party role.
  ...roleOn("left").map((side) => `BinaryExpression[operator=/^[!=]==?$/]${side}:not([right.value=${PARTY_ROLE}])`),
  ...roleOn("right").map((side) => `BinaryExpression[operator=/^[!=]==?$/]${side}:not([left.value=${PARTY_ROLE}])`),
  // `switch (user.role)`
  ...roleOn("discriminant").map((side) => `SwitchStatement${side}`),
  // `[...].includes(user.role)`
  ...roleOn("arguments.0").map((side) => `CallExpression[callee.property.name='includes']${side}`),
  // `TABLE[user.role]`: a per-role table outside the policy module
  ...roleOn("property").map((side) => `MemberExpression[computed=true]${side}`),
  // SQL text comparing an account's role: `u.role = 'director'`
  `TemplateElement[value.raw=/\\brole\\s*(=|==|!=|<>|in)\\s*\\(?\\s*'(${USER_ROLES})'/i]`,
].map((selector) => ({ selector, message: roleMessage }));

const sqlMessage = "Routes hold no SQL: put the query in a model (app/models/**/*.server.ts) and pass it getDb().";

export default [
  {
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaFeatures: { jsx: true }, sourceType: "module" },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    // Only the rules the code's own disable comments name, so each comment stays meaningful.
    rules: { "@typescript-eslint/no-explicit-any": "error", "no-control-regex": "error" },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/models/access/**"],
    rules: { "no-restricted-syntax": ["error", ...roleSelectors] },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["drizzle-orm", "drizzle-orm/*", "better-sqlite3"], allowTypeImports: true, message: sqlMessage },
            // The connection is handed to the models; tables, migrations and SQL helpers are not.
            { group: ["~/db/*", "!~/db/client.server"], allowTypeImports: true, message: sqlMessage },
            { group: ["~/models/access/scope-sql.server"], allowTypeImports: true, message: sqlMessage },
          ],
          paths: [{ name: "~/db/client.server", allowImportNames: ["getDb"], allowTypeImports: true, message: sqlMessage }],
        },
      ],
    },
  },
];
