/**
 * Letters by e-mail: POST /users/{mailbox}/sendMail from the organisation's shared mailbox
 * (Mail.Send, scoped to that one mailbox with Exchange RBAC for Applications).
 *
 * sendMail has no idempotency key of its own. The adapter skips keys it already sent in this process,
 * tags the message with the key (an X- header) for tracing, and relies on the caller's outbox to
 * mark the letter sent right after this resolves. A failure that may hide a sent message (timeout
 * after sending, broken connection, 5xx) is UnconfirmedOutboundError, and the SDK repeats the POST
 * only on 429 / 503 with Retry-After (graph-client.ts): Graph said it did not process those.
 *
 * Files go inline as fileAttachment (base64 contentBytes), which Graph takes only in a request of
 * at most 4 MB: assertValidLetter caps the files, and a body that still comes out larger (a very
 * long text) is refused here, before Graph answers 413.
 */
import {
  assertValidLetter,
  IDEMPOTENCY_HEADER,
  PermanentOutboundError,
  REFERENCE_HEADER,
  textToHtml,
  type LetterAttachment,
  type Mailer,
  type OutboundCallOptions,
  type OutgoingLetter,
} from '../../app/outbound-ports';
import { callGraph, userSegment, type GraphConnection } from './graph-client';

/** Graph's limit on one request's body. */
export const GRAPH_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

const fileAttachment = (attachment: LetterAttachment) => ({
  '@odata.type': '#microsoft.graph.fileAttachment',
  name: attachment.name,
  contentType: attachment.contentType,
  contentBytes: attachment.content.toString('base64'),
});

export class GraphMailer implements Mailer {
  private readonly sent = new Set<string>();

  constructor(
    private readonly connection: GraphConnection,
    /** UPN or SMTP address of the shared mailbox the letters come from. */
    private readonly mailbox: string,
  ) {}

  async send(letter: OutgoingLetter, options: OutboundCallOptions = {}): Promise<void> {
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
        ...(letter.attachments?.length ? { attachments: letter.attachments.map(fileAttachment) } : {}),
      },
      saveToSentItems: true,
    };
    const bytes = Buffer.byteLength(JSON.stringify(body));
    if (bytes > GRAPH_MAX_REQUEST_BYTES) {
      throw new PermanentOutboundError(
        'sendMail',
        413,
        'requestTooLarge',
        `the message is ${bytes} bytes; Graph takes at most ${GRAPH_MAX_REQUEST_BYTES}`,
      );
    }
    await callGraph(
      this.connection,
      'sendMail',
      (signal) =>
        this.connection.client
          .api(`/users/${userSegment(this.mailbox)}/sendMail`)
          .option('signal', signal)
          .post(body) as Promise<unknown>,
      options,
    );
    this.sent.add(letter.idempotencyKey);
  }
}
