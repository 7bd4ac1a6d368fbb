// Strings of the planning quota pages. Keys mirror the other language's file.
export default {
  title: "quota",
} as const;
