/** An S3 location template split into bucket and key pattern, with every `{{placeholder}}` read as `*`. */
export interface S3Pattern {
  /** Bucket name. */
  readonly bucket: string;
  /** Key pattern without a leading `/`; `*` wherever the template has a placeholder. */
  readonly key: string;
}

/** The bucket and key pattern of an `s3://bucket/key` location template, or undefined for any other scheme. */
export function s3Pattern(location: string): S3Pattern | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!match) return undefined;
  return { bucket: match[1], key: match[2].replace(/\{\{[^}]*\}\}/g, '*') };
}

/** `key` joined to a prefix pattern with exactly one `/` between them. */
export function joinKey(prefix: string, key: string): string {
  if (prefix === '') return key;
  return prefix.endsWith('/') ? prefix + key : `${prefix}/${key}`;
}
