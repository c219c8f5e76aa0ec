import { DateTime } from 'luxon';
import { z } from 'zod';
import { canExport } from '../../src/app/access';
import { buildExport, recordExport } from '../../src/app/export';
import { ZONE } from '../../src/domain/deadlines';
import { nlCommands } from '../../src/i18n/nl-commands';
import { fileConsentAvailable, offerDownloads } from '../downloads';
import type { CommandHandler } from '../handlers';
import { exportConsentAttachment } from './file-consent';
import { queryDeps, sendNotice } from './list-reply';

const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const yearArgSchema = z
  .string()
  .trim()
  .regex(/^(\d{4})?$/)
  .transform((value) => (value === '' ? undefined : Number(value)))
  .pipe(z.number().int().min(2000).max(2100).optional());

/**
 * `export [jaar]` (staf kw): the year's signals as .xlsx, sent the Teams way for bots — a
 * FileConsentCard in the personal chat; on "Toestaan" Teams gives an upload URL in the user's
 * OneDrive (see file-consent.ts). Files cannot be sent to group chats or channels this way. Where
 * file consent does not exist (the Agents Playground), a single-use download link for this person;
 * the access log gets the export entries when the file is fetched.
 */
export const exportCommand: CommandHandler = {
  id: 'export',
  needsPerson: true,
  async run(request, args) {
    const person = request.person!;
    if (!canExport(person)) {
      await sendNotice(request, nlCommands.notAllowed);
      return;
    }
    const parsed = yearArgSchema.safeParse(args);
    if (!parsed.success) {
      await sendNotice(request, nlCommands.usage.export, 'warning');
      return;
    }
    const conversationType = request.context.activity.conversation?.conversationType;
    if (conversationType !== undefined && conversationType !== 'personal') {
      await sendNotice(request, nlCommands.export.personalOnly, 'warning');
      return;
    }
    const year = parsed.data ?? DateTime.fromJSDate(request.services.clock.now(), { zone: ZONE }).year;
    // Built now for its size on the consent card; built again on accept, so no file is kept meanwhile.
    const file = await buildExport(queryDeps(request), person, year);
    if (file.kind === 'denied') {
      await sendNotice(request, nlCommands.notAllowed);
      return;
    }
    if (file.count === 0) {
      await sendNotice(request, nlCommands.export.empty(year));
      return;
    }
    if (!fileConsentAvailable(request)) {
      const deps = queryDeps(request);
      await offerDownloads(request, [
        {
          fileName: file.fileName,
          contentType: XLSX_CONTENT_TYPE,
          content: file.bytes,
          source: `export-${year}`,
          delivered: () => recordExport(deps, person, file.signals),
        },
      ]);
      return;
    }
    await request.context.sendActivity({ attachments: [exportConsentAttachment(file, year)] });
  },
};
