import type { Clock } from '../src/domain/clock';
import type { DeadlineSettings } from '../src/domain/deadlines';
import type { AccessLog } from '../src/app/access';
import type { Directory, SignalStore } from '../src/app/ports';
import type { Logger } from '../src/logging';

/** What every command and card verb handler may use; built once by the composition root. */
export interface BotServices {
  store: SignalStore;
  directory: Directory;
  clock: Clock;
  deadlines: DeadlineSettings;
  logger: Logger;
  newId: () => string;
  /** Who read which signal (AVG); always wired by the composition root. */
  accessLog?: AccessLog;
}
