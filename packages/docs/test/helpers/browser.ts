import { type LocalChromium, launchChromium } from '@replykit/test-support/chromium';
import { TEST_OUTPUT } from './paths.js';

export { isLocal } from '@replykit/test-support/chromium';

export type RecordedBrowser = LocalChromium;

/**
 * The Chromium `findChromium` picks (CHROMIUM_PATH, a system one, or @sparticuz/chromium) with a new, empty profile in `test-output/` and a 1440×1000 viewport; every request is
 * recorded and one that would leave 127.0.0.1 is aborted (see `launchChromium`).
 */
export function launchRecordedBrowser(): Promise<RecordedBrowser> {
  return launchChromium({ profileParent: TEST_OUTPUT, viewport: { width: 1440, height: 1000 } });
}
