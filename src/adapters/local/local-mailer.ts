/**
 * Mailer for the embedded default: each letter is an RFC 5322 message (.eml, built by nodemailer's
 * MailComposer) in `<outbox>/mail/`, named after its idempotency key, written once. Attachments
 * become base64 MIME parts (multipart/mixed), so the file opens in any mail client.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import path from 'node:path';
import {
  assertValidLetter,
  IDEMPOTENCY_HEADER,
  REFERENCE_HEADER,
  textToHtml,
  transactionIdFor,
  type Mailer,
  type OutboundCallOptions,
  type OutgoingLetter,
} from '../../app/outbound-ports';
import { writeOnce } from './outbox-files';

export interface LocalMailerOptions {
  outboxDir: string;
  /** The shared mailbox the letters come from. */
  from: { name: string; email: string };
  now?: () => Date;
}

export class LocalMailer implements Mailer {
  constructor(private readonly options: LocalMailerOptions) {}

  /** Where the letter with this key is (or will be) written. */
  fileFor(idempotencyKey: string): string {
    return path.join(this.options.outboxDir, 'mail', `${transactionIdFor('mail', idempotencyKey)}.eml`);
  }

  /** Written once per key, so there is nothing to wait for and nothing to confirm. */
  async send(letter: OutgoingLetter, _options?: OutboundCallOptions): Promise<void> {
    assertValidLetter(letter);
    const id = transactionIdFor('mail', letter.idempotencyKey);
    const headers: Record<string, string> = { [IDEMPOTENCY_HEADER]: letter.idempotencyKey };
    if (letter.reference) headers[REFERENCE_HEADER] = letter.reference;
    const message = await new MailComposer({
      from: { name: this.options.from.name, address: this.options.from.email },
      to: { name: letter.to.name, address: letter.to.email },
      subject: letter.subject,
      text: letter.text,
      html: textToHtml(letter.text),
      messageId: `<${id}@klantsignaal.local>`,
      date: (this.options.now ?? (() => new Date()))(),
      headers,
      attachments: (letter.attachments ?? []).map((attachment) => ({
        filename: attachment.name,
        content: attachment.content,
        contentType: attachment.contentType,
      })),
    })
      .compile()
      .build();
    await writeOnce(this.fileFor(letter.idempotencyKey), message);
  }
}
