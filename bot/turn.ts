/**
 * What a Klantsignaal handler sees of a Teams turn: the few activity fields it reads and a way to
 * send. botbuilder's TurnContext fits this shape, so the edge (klantsignaal-bot.ts) hands it over
 * as it is; with another SDK (the Microsoft 365 Agents SDK, docs/adr) only the edge changes.
 */
export interface TurnActivity {
  readonly id?: string;
  readonly type: string;
  /** 'msteams' in Teams; the Agents Playground and the emulator use others (file consent is Teams-only). */
  readonly channelId?: string;
  /** Where replies go: a loopback address means a local client such as the Playground. */
  readonly serviceUrl?: string;
  readonly conversation?: { readonly id: string; readonly conversationType?: string; readonly isGroup?: boolean };
  readonly from?: { readonly id: string; readonly name?: string; readonly aadObjectId?: string };
}

/** A card or file offer as Teams takes it: content type, content and, for files, name and URL. */
export interface OutgoingAttachment {
  contentType: string;
  content?: unknown;
  contentUrl?: string;
  name?: string;
}

export interface OutgoingActivity {
  type?: string;
  text?: string;
  attachments?: OutgoingAttachment[];
  attachmentLayout?: string;
  inputHint?: string;
}

export interface Turn {
  readonly activity: TurnActivity;
  sendActivity(activity: OutgoingActivity | string): Promise<{ id?: string } | undefined>;
  /** Replaces an activity this bot sent earlier in the conversation (e.g. a "working on it" card). */
  updateActivity(activity: OutgoingActivity & { id: string }): Promise<unknown>;
}
