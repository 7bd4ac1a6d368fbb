// Calling route modules directly in route tests, and a throwaway uploads folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

type Args = { request: Request; params?: Record<string, string> };

/** Runs a loader or action and returns its response, whether it was returned or thrown. */
export async function call(fn: (args: never) => unknown, { request, params = {} }: Args): Promise<Response> {
  try {
    return (await fn({ request, params, context: {} } as never)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A JSON response's body, typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function bodyOf(response: Response): Promise<any> {
  return response.json();
}

/** The Response a loader or action threw (404, 403, redirects); fails the test when it returned instead. */
export async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

/** Points UPLOADS_DIR at a new temporary folder for this test file and removes it afterwards. */
export function useTemporaryUploadsDir(prefix: string) {
  process.env.UPLOADS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(process.env.UPLOADS_DIR!, { recursive: true, force: true }));
}
