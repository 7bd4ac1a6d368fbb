// Strings of the rotations area. Keys mirror the other language's file.
export default {} as const;
