/**
 * Letters by e-mail: POST /users/{mailbox}/sendMail from the organisation's shared mailbox
 * (Mail.Send, scoped to that one mailbox with Exchange RBAC for Applications).
 *
 * sendMail has no idempotency key of its own. The adapter skips keys it already sent in this process,
 * tags the message with the key (an X- header) for tracing, and relies on the caller's outbox to
 * mark the letter sent right after this resolves.
 */
import {
  assertValidLetter,
  IDEMPOTENCY_HEADER,
  REFERENCE_HEADER,
  textToHtml,
  type Mailer,
  type OutgoingLetter,
} from '../../app/outbound-ports';
import { callGraph, userSegment, type GraphConnection } from './graph-client';

export class GraphMailer implements Mailer {
  private readonly sent = new Set<string>();

  constructor(
    private readonly connection: GraphConnection,
    /** UPN or SMTP address of the shared mailbox the letters come from. */
    private readonly mailbox: string,
  ) {}

  async send(letter: OutgoingLetter): Promise<void> {
    assertValidLetter(letter);
    if (this.sent.has(letter.idempotencyKey)) return;
    const headers = [{ name: IDEMPOTENCY_HEADER, value: letter.idempotencyKey }];
    if (letter.reference) headers.push({ name: REFERENCE_HEADER, value: letter.reference });
    const body = {
      message: {
        subject: letter.subject,
        // One body only: HTML built from escaped text, so nothing the caller wrote becomes markup.
        body: { contentType: 'HTML', content: textToHtml(letter.text) },
        toRecipients: [{ emailAddress: { address: letter.to.email, name: letter.to.name } }],
        internetMessageHeaders: headers,
      },
      saveToSentItems: true,
    };
    await callGraph(
      this.connection,
      'sendMail',
      (signal) =>
        this.connection.client
          .api(`/users/${userSegment(this.mailbox)}/sendMail`)
          .option('signal', signal)
          .post(body) as Promise<unknown>,
    );
    this.sent.add(letter.idempotencyKey);
  }
}
