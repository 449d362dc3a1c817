import { Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { Dataset, DataFormat, OutputOptions } from '../core/dataset';
import { NODE_PROPS_SPEC, OUTPUT_OPTIONS_SPEC, SECRET, oneOf } from '../core/private/specs';
import { Engine } from '../core/engine';
import { NodeDescription, NodeProps } from '../core/node';
import { Fail, Spec, checkArgument, registerSpec } from '../core/private/props';
import { trimTrailingSlashes } from '../core/private/text';
import type { Schema } from '../core/schema';
import type { Secret } from '../core/secret';
import { Source } from '../core/source';
import { plainSecret } from '../private/plain';

/** Options of cursor pagination. */
export interface CursorPaginationOptions {
  /** Query parameter that carries the cursor: `starting_after`. */
  readonly cursorParam: string;
  /** Dotted path of the next cursor in the response body: `meta.next_cursor`. */
  readonly nextCursorPath: string;
}

/** Options of page-number pagination. */
export interface PagePaginationOptions {
  /** Query parameter of the page number: `page`. */
  readonly pageParam: string;
  /**
   * Query parameter of the page size.
   * @default - the API's default page size
   */
  readonly pageSizeParam?: string;
  /**
   * Records per page.
   * @default 100
   */
  readonly pageSize?: number;
}

const PAGINATION_SYMBOL = Symbol.for('tributary.Pagination');
/** A query parameter name. */
const PARAM = { kind: 'string', nonEmpty: true, maxLength: 256, pattern: /^[^\s&=#?]+$/, shape: 'a query parameter name' } as const;

/** How an API splits a result into pages. */
export class Pagination {
  /** One request returns everything. */
  public static none(): Pagination {
    return new Pagination('none', {});
  }

  /** Each response carries the cursor of the next page. */
  public static cursor(options: CursorPaginationOptions): Pagination {
    checkArgument('Pagination.cursor', 'options', options, {
      kind: 'struct', name: 'CursorPaginationOptions', example: "{ cursorParam: 'starting_after', nextCursorPath: 'meta.next_cursor' }", props: {
        cursorParam: { ...PARAM, required: true, example: "'starting_after'" },
        nextCursorPath: { kind: 'string', required: true, nonEmpty: true, maxLength: 256, pattern: /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, shape: 'a dotted path', example: "'meta.next_cursor'" },
      },
    });
    return new Pagination('cursor', { cursorParam: options.cursorParam, nextCursorPath: options.nextCursorPath });
  }

  /** Numbered pages, until an empty page. */
  public static page(options: PagePaginationOptions): Pagination {
    checkArgument('Pagination.page', 'options', options, {
      kind: 'struct', name: 'PagePaginationOptions', example: "{ pageParam: 'page' }", props: {
        pageParam: { ...PARAM, required: true, example: "'page'" },
        pageSizeParam: { ...PARAM, example: "'per_page'" },
        pageSize: { kind: 'number', integer: true, min: 1, max: 100000 },
      },
    });
    return new Pagination('page', { pageParam: options.pageParam, pageSizeParam: options.pageSizeParam, pageSize: options.pageSize ?? 100 });
  }

  /** The next page's URL is in the `Link: <…>; rel="next"` header. */
  public static linkHeader(): Pagination {
    return new Pagination('link_header', {});
  }

  /** Style name: `none`, `cursor`, `page` or `link_header`. */
  public readonly style: string;
  /** The style's settings. */
  public readonly settings: Record<string, any>;

  private constructor(style: string, settings: Record<string, any>) {
    this.style = style;
    this.settings = settings;
    Object.defineProperty(this, PAGINATION_SYMBOL, { value: true });
  }
}

/** Props of an ApiSource. */
export interface ApiSourceProps extends NodeProps {
  /** Base URL, without credentials: `https://api.example.com/v2`. */
  readonly baseUrl: string;
  /** Path of the resource; `{{ds}}` may appear: `/rates/{{ds}}`. */
  readonly path: string;
  /**
   * Query parameters; `{{ds}}` may appear in values. Never put credentials here: use `auth`.
   * @default - none
   */
  readonly query?: Record<string, string>;
  /**
   * Secret holding the API credentials.
   * @default - the API needs no authentication
   */
  readonly auth?: Secret;
  /**
   * How the API pages its results.
   * @default Pagination.none()
   */
  readonly pagination?: Pagination;
  /**
   * Most requests per second, to stay under the provider's rate limit.
   * @default 5
   */
  readonly maxRequestsPerSecond?: number;
  /**
   * Columns of the records.
   * @default - unknown: column checks against it are skipped
   * @deprecated use `output: { schema }`, which every producing node accepts
   */
  readonly schema?: Schema;
  /**
   * Size of one day's records.
   * @default - unknown; treated as small
   * @deprecated use `output: { estimatedSize }`, which every producing node accepts
   */
  readonly estimatedSize?: Size;
  /**
   * Columns and daily size of the landed records.
   * @default - schema unknown, size unknown (treated as small)
   */
  readonly output?: OutputOptions;
}

/** A third-party HTTP API, paged and rate-limited, landed as one day's records. */
export class ApiSource extends Source {
  /** The day's records. */
  public readonly output: Dataset;
  /** Base URL. */
  public readonly baseUrl: string;
  /** Resource path. */
  public readonly path: string;
  /** Authentication secret. */
  public readonly auth?: Secret;
  /** Pagination. */
  public readonly pagination: Pagination;
  /** Rate limit. */
  public readonly maxRequestsPerSecond: number;
  private readonly query: Record<string, string>;

  constructor(scope: Construct, id: string, props: ApiSourceProps) {
    super(scope, id, props);
    const fail: Fail = (c, p, f) => this._fail(c, p, f);
    this.baseUrl = trimTrailingSlashes(props.baseUrl);
    this.path = props.path.startsWith('/') ? props.path : `/${props.path}`;
    this.query = { ...(props.query ?? {}) };
    this.auth = props.auth;
    this.pagination = props.pagination ?? Pagination.none();
    this.maxRequestsPerSecond = props.maxRequestsPerSecond ?? 5;
    this.output = new Dataset(this, this.defaultLocation(), {
      schema: oneOf(fail, 'schema', props.schema, props.output?.schema),
      format: DataFormat.JSON_LINES,
      estimatedSize: oneOf(fail, 'estimatedSize', props.estimatedSize, props.output?.estimatedSize),
    });
  }

  /** @internal */
  public _describe(): NodeDescription {
    return {
      type: 'ApiSource',
      engine: Engine.SINGLE_WORKER,
      properties: {
        baseUrl: this.baseUrl,
        path: this.path,
        query: this.query,
        auth: plainSecret(this.auth),
        pagination: { style: this.pagination.style, ...this.pagination.settings },
        maxRequestsPerSecond: this.maxRequestsPerSecond,
      },
    };
  }
}

registerSpec(ApiSource, {
  ...NODE_PROPS_SPEC,
  baseUrl: {
    kind: 'string', required: true, maxLength: 2048, pattern: /^https:\/\/[^\s/]+/,
    shape: 'an https:// URL', fix: "give the API's https:// base URL", example: "'https://api.example.com/v2'",
  },
  path: { kind: 'string', required: true, maxLength: 2048, example: "'/rates/{{ds}}'" },
  query: { kind: 'record', of: { kind: 'string', maxLength: 2048 } },
  auth: SECRET,
  pagination: { kind: 'brand', name: 'Pagination', brand: 'tributary.Pagination', example: "Pagination.cursor({ cursorParam: 'starting_after', nextCursorPath: 'meta.next_cursor' })" },
  maxRequestsPerSecond: { kind: 'number', above: 0, max: 10000 },
  schema: OUTPUT_OPTIONS_SPEC.schema,
  estimatedSize: OUTPUT_OPTIONS_SPEC.estimatedSize,
  output: { kind: 'struct', name: 'OutputOptions', props: OUTPUT_OPTIONS_SPEC },
} satisfies Spec);
