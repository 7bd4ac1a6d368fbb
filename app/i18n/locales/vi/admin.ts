// Strings of the admin area. Keys mirror the other language's file.
export default {} as const;
