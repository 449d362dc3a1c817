/**
 * Add `value` to the list `map` keeps under `key`, in place: collecting n values this way takes
 * time linear in n, where copying the list on each addition (`[...list, value]`) takes n².
 */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
