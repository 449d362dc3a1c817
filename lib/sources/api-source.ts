import { Size } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { Dataset, DataFormat } from '../core/dataset';
import { Engine } from '../core/engine';
import { NodeDescription, NodeProps } from '../core/node';
import { Fail, requireHttpsUrl, requireInteger, requirePositive } from '../core/private/checks';
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

/** How an API splits a result into pages. */
export class Pagination {
  /** One request returns everything. */
  public static none(): Pagination {
    return new Pagination('none', {});
  }

  /** Each response carries the cursor of the next page. */
  public static cursor(options: CursorPaginationOptions): Pagination {
    return new Pagination('cursor', { cursorParam: options.cursorParam, nextCursorPath: options.nextCursorPath });
  }

  /** Numbered pages, until an empty page. */
  public static page(options: PagePaginationOptions): Pagination {
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
   */
  readonly schema?: Schema;
  /**
   * Size of one day's records.
   * @default - unknown; treated as small
   */
  readonly estimatedSize?: Size;
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
    requireHttpsUrl(fail, 'baseUrl', props.baseUrl, "give the API's https:// base URL");
    requirePositive(fail, 'maxRequestsPerSecond', props.maxRequestsPerSecond);
    requireInteger(fail, 'pagination pageSize', props.pagination?.settings.pageSize, 1, 100000);
    this.baseUrl = props.baseUrl.replace(/\/+$/, '');
    this.path = props.path.startsWith('/') ? props.path : `/${props.path}`;
    this.query = { ...(props.query ?? {}) };
    this.auth = props.auth;
    this.pagination = props.pagination ?? Pagination.none();
    this.maxRequestsPerSecond = props.maxRequestsPerSecond ?? 5;
    this.output = new Dataset(this, this.defaultLocation(), { schema: props.schema, format: DataFormat.JSON_LINES, estimatedSize: props.estimatedSize });
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
