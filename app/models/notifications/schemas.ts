import { z } from "zod";

/** The notifications page's buttons: mark one read, or all of them. */
export const notificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.coerce.number().int().positive().max(2 ** 31) }),
  z.object({ intent: z.literal("readAll") }),
]);
