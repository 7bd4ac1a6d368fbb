import { z } from "zod";
import { id } from "~/models/fields";

/** The notifications page's buttons: mark one read, or all of them. */
export const notificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id }),
  z.object({ intent: z.literal("readAll") }),
]);
