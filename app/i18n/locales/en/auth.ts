// Strings of the auth area. Keys mirror the other language's file.
export default {} as const;
