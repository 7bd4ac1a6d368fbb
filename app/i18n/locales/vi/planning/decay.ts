// Strings of the planning decay pages. Keys mirror the other language's file.
export default {
  title: "decay",
} as const;
