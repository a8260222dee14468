// Verifies every webhook the notifier's tests recorded (one JSON file per delivery: the subscription's
// secret, the headers and the body as received) with the standardwebhooks package, the way a receiver
// would. Each delivery must verify, and the same delivery with one byte of the body changed must not.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';

const directory = process.argv[2];
let files;
try {
  files = readdirSync(directory).filter((name) => name.endsWith('.json'));
} catch (error) {
  console.error(`no recorded webhooks in ${directory}: ${error.message}`);
  process.exit(1);
}
if (files.length === 0) {
  console.error(`no recorded webhooks in ${directory}: the Java tests record them`);
  process.exit(1);
}

const realNow = Date.now;
const failures = [];
for (const file of files) {
  const recorded = JSON.parse(readFileSync(join(directory, file), 'utf8'));
  const webhook = new Webhook(recorded.secret);
  // The package refuses timestamps more than five minutes from now; the check runs after the tests,
  // so it is told the time the receiver got the delivery.
  Date.now = () => Number(recorded.headers['webhook-timestamp']) * 1000;
  try {
    webhook.verify(recorded.body, recorded.headers);
  } catch (error) {
    failures.push(`${file}: does not verify: ${error.message}`);
  }
  const tampered = recorded.body.replace(/.$/s, (last) => (last === '}' ? ' ' : '}'));
  try {
    webhook.verify(tampered, recorded.headers);
    failures.push(`${file}: a changed body verifies too`);
  } catch (expected) {
    // a changed body must not verify
  }
  Date.now = realNow;
}

if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`${files.length} recorded webhooks verify with standardwebhooks; none verifies with a changed body`);
