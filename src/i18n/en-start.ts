/** English texts for the operator when the bot cannot start (printed after the Dutch ones). */
export const enStart = {
  storeCorrupt: (path: string) =>
    `Klantsignaal cannot start: the database file ${path} is damaged or not an SQLite database. ` +
    'Restore a backup (docs/operations.md) or move the file away and start again.',
  storeUnwritable: (path: string, reason: string) =>
    `Klantsignaal cannot start: the database file ${path} cannot be opened or written (${reason}). ` +
    'Check that the folder exists and is writable, and that the disk is not full.',
} as const;
