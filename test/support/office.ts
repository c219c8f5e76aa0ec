/**
 * LibreOffice (Debian's libreoffice-writer-nogui) and poppler-utils, to open the generated Word
 * file in Word-compatible software the way a reader would. Installed by .ci/run; a missing one is a
 * skip locally and a failure in CI, like Chromium (test/support/browser.ts).
 */
import { execFileSync } from 'node:child_process';
import { browserRequired } from './browser';

const TOOLS = ['soffice', 'pdftotext', 'pdfinfo', 'pdfimages'] as const;

function found(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const HINT = 'Install them with: apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils';

export function describeWithOffice(name: string, body: () => void): void {
  const missing = TOOLS.filter((tool) => !found(tool));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  // The same switch as the browser tests: CI or REQUIRE_BROWSER make a missing tool a failure.
  if (browserRequired()) {
    describe(name, () => {
      it('needs LibreOffice and poppler-utils', () => {
        throw new Error(`${missing.join(', ')} not found. ${HINT}`);
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": ${missing.join(', ')} not found. ${HINT}`);
  describe.skip(name, body);
}
