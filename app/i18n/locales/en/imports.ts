// Strings of the spreadsheet import pages (catalogue, administrative units). Keys mirror the other language's file.
export default {} as const;
