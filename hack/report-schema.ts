// Writes harness/report.schema.json from the report's contract (harness/src/report-contract.ts),
// or checks it is current. The file is generated: change the contract, then run this.
//
//   npx tsx hack/report-schema.ts           rewrite harness/report.schema.json
//   npx tsx hack/report-schema.ts --check   change nothing; exit 1 when the file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliCommand, runCli } from '../harness/src/cli/command.js';
import { repoRoot } from '../harness/src/paths.js';
import { reportJsonSchemaText } from '../harness/src/report/json-schema.js';

const reportSchemaFile = path.join(repoRoot, 'harness', 'report.schema.json');

const command = new CliCommand('hack/report-schema.ts')
  .description('write harness/report.schema.json from harness/src/report-contract.ts, or check it is current')
  .option('--check', 'change nothing; exit 1 when harness/report.schema.json is not what the contract gives')
  .runs((c) => {
    const want = reportJsonSchemaText();
    const shown = path.relative(repoRoot, reportSchemaFile);
    if (c.opts<{ check?: boolean }>().check) {
      let have = '';
      try {
        have = readFileSync(reportSchemaFile, 'utf8');
      } catch {
        // Missing counts as stale.
      }
      if (have === want) {
        console.log(`${shown} is what harness/src/report-contract.ts gives`);
        return 0;
      }
      console.error(`${shown} is stale: run npx tsx hack/report-schema.ts`);
      return 1;
    }
    writeFileSync(reportSchemaFile, want);
    console.log(`wrote ${shown}`);
    return 0;
  });

process.exitCode = await runCli(command, process.argv.slice(2));
