// Runs graphql-http's server audits against the URL given, prints each result, and exits non-zero when any
// audit warns or fails: the API must pass them all.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://127.0.0.1:PORT/graphql');
  process.exit(2);
}
let warnings = 0;
let errors = 0;
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  if (result.status === 'ok') {
    console.log(`ok      ${audit.name}`);
  } else {
    // A notice is a MAY the server chose not to do; warnings (SHOULD) and errors (MUST) count.
    if (result.status === 'warn') warnings += 1;
    else if (result.status === 'error') errors += 1;
    const detail = result.response
      ? ` (status ${result.response.status}: ${await result.response.clone().text().catch(() => '')})`
      : '';
    console.log(`${result.status.padEnd(7)} ${audit.name}: ${result.reason}${detail}`);
  }
}
console.log(`graphql-http audit: ${warnings} warnings, ${errors} errors`);
process.exit(warnings + errors === 0 ? 0 : 1);
