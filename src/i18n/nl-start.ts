/** Dutch texts for the operator when the bot cannot start (printed next to the English ones). */
export const nlStart = {
  storeCorrupt: (path: string) =>
    `Klantsignaal kan niet starten: het databasebestand ${path} is beschadigd of is geen SQLite-database. ` +
    'Zet een back-up terug (docs/operations.md) of verplaats het bestand en start opnieuw.',
  storeUnwritable: (path: string, reason: string) =>
    `Klantsignaal kan niet starten: het databasebestand ${path} kan niet worden geopend of beschreven (${reason}). ` +
    'Controleer of de map bestaat en schrijfbaar is, en of de schijf niet vol is.',
} as const;
