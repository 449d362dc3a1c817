import { Rule, diagnostic } from '../rule';

/** Column types whose values equal a `'YYYY-MM-DD'` literal for every row of the day. */
const DATE_TYPES: readonly string[] = ['date', 'string'];

/**
 * TRB065: a warehouse table's date column holds dates: a `date`, or a `string` written
 * `YYYY-MM-DD`. Checks and partition loads select the day's rows with `column = '{{ds}}'`, which
 * a timestamp matches only at midnight. Tables without a schema are not checked (and a column
 * missing from the schema is TRB006).
 */
export const dateColumnsHoldDates: Rule = (graph) => graph.nodes
  .filter((node) => node.type !== 'QualityCheck' && node.output?.dateColumn !== undefined && node.output.columns !== undefined)
  .flatMap((node) => {
    const name = node.output!.dateColumn!;
    const column = node.output!.columns!.find((c) => c.name === name);
    if (column === undefined || DATE_TYPES.includes(column.type)) return [];
    return [diagnostic(node, 'TRB065',
      `date column '${name}' of table '${node.properties.table}' is ${column.type}, so selecting the day with ${name} = '{{ds}}' would miss the day's rows`,
      `name a column of type date (or a string 'YYYY-MM-DD') as dateColumn, for example a ds column the job writes as the logical date`)];
  });

/**
 * TRB066: a WarehouseSink's partition overwrite replaces the rows of the table's own date column.
 * `WriteMode.overwritePartition('x')` with another `dateColumn` would delete and load one column's
 * day while checks read another's.
 */
export const partitionIsDateColumn: Rule = (graph) => graph.nodes
  .filter((node) => node.type === 'WarehouseSink' && node.properties.writeMode?.mode === 'overwrite_partition')
  .flatMap((node) => {
    const dateColumn = node.output?.dateColumn;
    const partition = node.properties.writeMode.column;
    if (dateColumn === undefined || partition === dateColumn) return [];
    return [diagnostic(node, 'TRB066',
      `'${node.id}' overwrites the day's rows by column '${partition}', but declares '${dateColumn}' as the table's date column, which its checks read the day by`,
      `leave the column out of WriteMode.overwritePartition() (it then uses dateColumn '${dateColumn}'), or make the two the same`)];
  });
