/** The Dutch texts of the download links (bot/downloads.ts, the /downloads route). */
import type { DownloadRefusal } from '../app/download-links';

export const nlDownloads = {
  title: 'Bestanden downloaden',
  intro: (minutes: number) =>
    `Deze omgeving kan geen bestanden in je OneDrive zetten. Download ze hieronder: iedere link werkt één keer, alleen voor jou, ` +
    `en ${minutes} minuten lang. Daarna vraag je ze opnieuw op.`,
  button: (fileName: string) => `Download ${fileName}`,
  refused: {
    unknown: 'Deze downloadlink bestaat niet. Vraag het bestand opnieuw op in Klantsignaal.',
    expired: 'Deze downloadlink is verlopen. Vraag het bestand opnieuw op in Klantsignaal.',
    used: 'Deze downloadlink is al gebruikt: iedere link werkt één keer. Vraag het bestand opnieuw op in Klantsignaal.',
    wrongPerson: 'Deze downloadlink is voor iemand anders gemaakt. Vraag het bestand zelf op in Klantsignaal.',
  } satisfies Record<DownloadRefusal, string>,
};
