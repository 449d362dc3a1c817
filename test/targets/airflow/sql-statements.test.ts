import { splitSqlStatements } from '../../../lib/targets/airflow/sql-statements';

test('statements are split on semicolons and lose them, blank and comment-only statements dropped', () => {
  // THEN
  expect(splitSqlStatements('DELETE FROM t;\nINSERT INTO t SELECT 1;\n\n-- done\n')).toEqual(['DELETE FROM t', 'INSERT INTO t SELECT 1']);
});

test('semicolons inside strings, quoted identifiers, comments and dollar quotes do not split', () => {
  // GIVEN
  const sql = `SELECT 'a;b', 'it''s;', 'back\\';slash' FROM "x;y" -- c;d\n/* e;f */ WHERE $$g;h$$ = $t$i;j$t$; SELECT 2`;

  // THEN
  expect(splitSqlStatements(sql)).toEqual([
    `SELECT 'a;b', 'it''s;', 'back\\';slash' FROM "x;y" -- c;d\n/* e;f */ WHERE $$g;h$$ = $t$i;j$t$`,
    'SELECT 2',
  ]);
});

test('an unterminated string or comment runs to the end as one statement', () => {
  // THEN
  expect(splitSqlStatements("SELECT 'open; still")).toEqual(["SELECT 'open; still"]);
  expect(splitSqlStatements('SELECT 1 /* open; still')).toEqual(['SELECT 1 /* open; still']);
});
