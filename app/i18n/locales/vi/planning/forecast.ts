// Strings of the planning forecast pages. Keys mirror the other language's file.
export default {
  title: "forecast",
} as const;
