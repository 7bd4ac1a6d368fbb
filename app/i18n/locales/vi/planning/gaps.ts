// Strings of the planning gaps pages. Keys mirror the other language's file.
export default {
  title: "gaps",
} as const;
