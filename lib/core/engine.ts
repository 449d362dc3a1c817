/** What runs a node's work. The orchestrators map each engine to their own operators. */
export enum Engine {
  /** Apache Spark on EMR Serverless: the only engine for data of 1 TiB or more. */
  SPARK = 'spark',
  /** SQL in the data warehouse (Amazon Redshift). */
  WAREHOUSE = 'warehouse',
  /** A single worker calling HTTP APIs or brokers. */
  SINGLE_WORKER = 'single_worker',
  /** No compute: wait until a partition has landed in object storage. */
  SENSOR = 'sensor',
  /** The database's own export to object storage (Aurora/RDS export to S3). */
  DATABASE_EXPORT = 'database_export',
  /** A change-data-capture stream (DMS or Debezium) already landing in the lake. */
  CHANGE_DATA_CAPTURE = 'change_data_capture',
}

/** The kind of a workflow node. */
export enum NodeKind {
  /** Brings data into the platform. */
  SOURCE = 'source',
  /** Processes data or checks it. */
  TASK = 'task',
  /** Delivers data out of the platform. */
  SINK = 'sink',
}
