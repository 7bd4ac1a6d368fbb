import { expect, inject, test } from "vitest";

// Real HTTP against the production server: a form posted from another site is refused with a
// 403 page before any action runs, whichever route it targets.
const baseUrl = inject("baseUrl");

async function post(path: string, headers: Record<string, string>) {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ intent: "password", username: "admin", password: "QuanTri@2025" }),
  });
}

test("a sign-in form posted from another origin gets a 403 page and no session", async () => {
  const res = await post("/login", { Origin: "https://evil.example" });
  expect(res.status).toBe(403);
  expect(res.headers.get("set-cookie")).toBeNull();
  expect(await res.text()).toContain("Yêu cầu bị từ chối");
});

test("a cross-site post to an action is refused even without an Origin header", async () => {
  const res = await post("/admin/users/new", { "Sec-Fetch-Site": "cross-site", Cookie: "lng=ImVuIg%3D%3D" });
  expect(res.status).toBe(403);
  expect(await res.text()).toContain("Request refused");
});

test("the same sign-in from the app's own origin goes through", async () => {
  const res = await post("/login", { Origin: baseUrl });
  expect(res.status).toBe(302);
  expect(res.headers.get("set-cookie")).toMatch(/HttpOnly/i);
});
