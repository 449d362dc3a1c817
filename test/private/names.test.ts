import { closest, editDistance, snakeCase } from '../../lib/private/names';

test('snakeCase splits camel case at each lower-to-upper change', () => {
  // THEN
  expect(snakeCase('OrdersRaw')).toBe('orders_raw');
  expect(snakeCase('ordersRaw')).toBe('orders_raw');
  expect(snakeCase('DailyRevenueByCountry')).toBe('daily_revenue_by_country');
});

test('snakeCase keeps an acronym together and splits it from the next word', () => {
  // THEN
  expect(snakeCase('HTTPServer')).toBe('http_server');
  expect(snakeCase('FXRates')).toBe('fx_rates');
  expect(snakeCase('LoadToCRM')).toBe('load_to_crm');
  expect(snakeCase('ABC')).toBe('abc');
});

test('snakeCase turns spaces, hyphens and dots into one underscore', () => {
  // THEN
  expect(snakeCase('FX-Rates v2')).toBe('fx_rates_v2');
  expect(snakeCase('orders - daily')).toBe('orders_daily');
  expect(snakeCase('a..b')).toBe('a_b');
  expect(snakeCase('tab\tand\nnewline')).toBe('tab_and_newline');
});

test('snakeCase keeps digits attached to the word before them and splits before a capital after them', () => {
  // THEN
  expect(snakeCase('Customer360')).toBe('customer360');
  expect(snakeCase('S3Bucket')).toBe('s3_bucket');
  expect(snakeCase('Orders 2026')).toBe('orders_2026');
});

test('snakeCase collapses repeated underscores and trims them at both ends', () => {
  // THEN
  expect(snakeCase('__Orders__Raw__')).toBe('orders_raw');
  expect(snakeCase(' Orders ')).toBe('orders');
  expect(snakeCase('Orders_Raw')).toBe('orders_raw');
});

test('snakeCase leaves an id that is already snake_case as it is', () => {
  // THEN
  expect(snakeCase('orders_raw')).toBe('orders_raw');
  expect(snakeCase(snakeCase('FX-Rates v2'))).toBe('fx_rates_v2');
});

test('snakeCase keeps characters outside ASCII letters and digits, for validation to name them', () => {
  // THEN
  expect(snakeCase('Orders€')).toBe('orders€');
  expect(snakeCase('Bad"Id')).toBe('bad"id');
  expect(snakeCase('x/y')).toBe('x/y');
});

test('editDistance counts insertions, deletions and substitutions', () => {
  // THEN
  expect(editDistance('kitten', 'sitting')).toBe(3);
  expect(editDistance('flaw', 'lawn')).toBe(2);
  expect(editDistance('orders', 'ordres')).toBe(2);
  expect(editDistance('', 'abc')).toBe(3);
  expect(editDistance('abc', '')).toBe(3);
  expect(editDistance('same', 'same')).toBe(0);
});

test('editDistance is symmetric', () => {
  // THEN
  for (const [a, b] of [['customer_id', 'custmer_id'], ['a', 'xyz'], ['orders', 'order_lines']]) {
    expect(editDistance(a, b)).toBe(editDistance(b, a));
  }
});

test('closest suggests the nearest candidate for a likely typo', () => {
  // THEN
  expect(closest('custmer_id', ['order_id', 'customer_id', 'amount'])).toBe('customer_id');
  expect(closest('ordrs', ['orders', 'customers'])).toBe('orders');
});

test('closest ignores case when comparing but returns the candidate as written', () => {
  // THEN
  expect(closest('ORDERS', ['orders', 'products'])).toBe('orders');
  expect(closest('orders', ['Orders'])).toBe('Orders');
});

test('closest suggests nothing when no candidate is close enough', () => {
  // GIVEN the limit is 2 edits, or a third of the name's length when that is more
  expect(closest('xyz', ['orders', 'customers'])).toBeUndefined();
  expect(closest('abcdef', ['abcxyz'])).toBeUndefined();
  expect(closest('abcdef', ['abcdxy'])).toBe('abcdxy');
  expect(closest('abcdefghi', ['abcdefxyz'])).toBe('abcdefxyz');
  expect(closest('anything', [])).toBeUndefined();
});

test('closest breaks ties by candidate name, whatever order the candidates are given in', () => {
  // THEN
  expect(closest('ab', ['ac', 'aa'])).toBe('aa');
  expect(closest('ab', ['aa', 'ac'])).toBe('aa');
});
