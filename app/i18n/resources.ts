// Both languages, for the server and the tests. Importing this module registers them with
// i18n.ts; the browser never imports it (it loads its reader's language alone, see
// entry.client.tsx), so a page's script carries one language, not both.
import en from "./locales/en";
import vi from "./locales/vi";
import { registerResources, type Namespace } from "./i18n";

export const resources = { vi, en } as const;

// The namespace list in i18n.ts and the locale indexes name the same namespaces.
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : never;
const namespacesAgree: SameKeys<keyof typeof vi, Namespace> = true;
void namespacesAgree;

registerResources("vi", vi);
registerResources("en", en);
