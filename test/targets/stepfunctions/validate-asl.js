// Runs asl-validator 4 (paths and ARNs checked) on each ASL file named on the command line, in a
// plain Node process: outside Jest's module sandbox asl-validator runs about twice as fast, which
// matters for the thousands of states of a 10,000-task workflow. Prints {file: errors text} for the
// files it rejects, as JSON.
const fs = require('fs');
const validator = require('asl-validator');

const rejected = {};
for (const file of process.argv.slice(2)) {
  const result = validator(JSON.parse(fs.readFileSync(file, 'utf-8')), { checkPaths: true, checkArn: true });
  if (!result.isValid) rejected[file] = result.errorsText('\n');
}
process.stdout.write(JSON.stringify(rejected));
