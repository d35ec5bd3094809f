// Finds a Chromium for the browser tests: Debian's /usr/bin/chromium (installed with apt-get when
// missing and running as root), else Playwright's own build. Prints what it chose.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN = '/usr/bin/chromium';
const run = (cmd) =>
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) {
  console.log(`browser: ${process.env.CHROMIUM_PATH} (CHROMIUM_PATH)`);
} else if (existsSync(DEBIAN)) {
  console.log(`browser: ${DEBIAN}`);
} else if (
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  existsSync('/usr/bin/apt-get')
) {
  console.log('browser: installing Debian chromium with apt-get');
  run('apt-get update -qq');
  run('apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium');
  if (!existsSync(DEBIAN)) throw new Error('apt-get did not install /usr/bin/chromium');
} else {
  console.log("browser: no /usr/bin/chromium; installing Playwright's own Chromium");
  run('npx playwright install chromium');
}
