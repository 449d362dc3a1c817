/**
 * The placeholders that may appear in templated strings (locations, paths, query values, script
 * arguments, SQL). Each target replaces them with its own form for the run's logical date, so
 * only these are allowed (TRB017); write them exactly as given here, without spaces.
 */
export class Placeholder {
  /** The logical date, `2026-11-27`. */
  public static readonly DS = '{{ds}}';
  /** The logical date without dashes, `20261127`. */
  public static readonly DS_NODASH = '{{ds_nodash}}';
  /** The day after the logical date, `2026-11-28`: the exclusive end of the run's window. */
  public static readonly NEXT_DS = '{{next_ds}}';
  /** The day before the logical date, `2026-11-26`. */
  public static readonly PREV_DS = '{{prev_ds}}';
  /** In a `CheckRule.customSql` query only: the audited table or dataset. */
  public static readonly TABLE = '{{table}}';

  private constructor() {}
}
