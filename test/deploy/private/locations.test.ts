import { joinKey, s3Pattern } from '../../../lib/deploy/private/locations';

test('an s3 location template splits into bucket and key pattern, each placeholder read as *', () => {
  // THEN
  expect(s3Pattern('s3://acme-logs/clickstream/dt={{ds}}/hour={{ds_nodash}}/')).toEqual({ bucket: 'acme-logs', key: 'clickstream/dt=*/hour=*/' });
  expect(s3Pattern('s3://bucket')).toEqual({ bucket: 'bucket', key: '' });
});

test('a location that is not in S3 has no pattern', () => {
  // THEN
  expect(s3Pattern('warehouse://marts.daily_revenue')).toBeUndefined();
});

test('joinKey puts exactly one / between prefix and key', () => {
  // THEN
  expect(joinKey('a/b/', '_SUCCESS')).toBe('a/b/_SUCCESS');
  expect(joinKey('a/b', '_SUCCESS')).toBe('a/b/_SUCCESS');
  expect(joinKey('', '_SUCCESS')).toBe('_SUCCESS');
});
