// The Content-Security-Policy nonce of the current document, for Remix's inline scripts.
// Set by entry.server per response; in the browser it is "" (browsers hide nonces from the
// DOM, and scripts added after hydration are loaded from files).
import { createContext, useContext } from "react";

export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}
