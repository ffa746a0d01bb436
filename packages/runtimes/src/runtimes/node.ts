import { type Runtime, runCli, writeCli } from './runtime.js';

/** The Node.js that runs the tests, in a child process. */
export const node: Runtime = {
  name: 'node',
  label: `node ${process.version} (the test runner's)`,
  probe: () => ({ version: process.version }),
  run: (files, { mockUrl, apiKey }) =>
    runCli(
      'node',
      process.execPath,
      [writeCli(files), mockUrl, apiKey],
      { PATH: process.env.PATH ?? '' },
      files.dir,
    ),
};
