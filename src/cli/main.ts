import { writeFileSync } from 'node:fs';
import { runCli } from './cli';
import { nodeScenarioFiles } from './scenario-files';

process.exitCode = runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    writeFile: (path, data) => writeFileSync(path, data),
  },
  nodeScenarioFiles,
);
