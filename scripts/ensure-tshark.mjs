// Finds Debian's tshark for the pcap check (test/pcap.test.ts): installs it with apt-get when it is
// missing and this is a root Debian machine (as CI is); elsewhere the check runs only where tshark is.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TSHARK = '/usr/bin/tshark';
if (existsSync(TSHARK)) {
  console.log(`tshark: ${TSHARK}`);
} else if (
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  existsSync('/usr/bin/apt-get')
) {
  console.log('tshark: installing Debian tshark with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync('apt-get install -y -qq -o DPkg::Lock::Timeout=600 tshark', { stdio: 'inherit', env });
  if (!existsSync(TSHARK)) throw new Error('apt-get did not install /usr/bin/tshark');
} else {
  console.log(
    'tshark: not found; the pcap check against tshark is left out (install tshark to run it)',
  );
}
