// Password hashing: Argon2id (the library's default algorithm, OWASP parameters: 19 MiB,
// 2 passes). Passwords are NFC-normalised first, so a Vietnamese passphrase typed with
// composed or decomposed diacritics is the same password; the whole text is hashed, never
// truncated (the length limit is far above any passphrase).
import { hash, verify } from "@node-rs/argon2";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1000;

function normalise(password: string): string {
  return password.normalize("NFC");
}

export async function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (!passwordHash.startsWith("$argon2")) return false;
  try {
    return await verify(passwordHash, normalise(password));
  } catch {
    return false;
  }
}

// Unknown user names are checked against this hash, so they cost the same time as a wrong
// password and the answer cannot tell them apart.
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("dummy password that matches no account");
  return dummyHash;
}
