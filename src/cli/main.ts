import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli';
import { nodeScenarioFiles } from './scenario-files';

process.exitCode = runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    writeFile: (path, data) => writeFileSync(path, data),
    writeTextFiles: (dir, files) => {
      mkdirSync(dir, { recursive: true });
      for (const f of files) writeFileSync(join(dir, f.name), f.text);
    },
  },
  nodeScenarioFiles,
);
