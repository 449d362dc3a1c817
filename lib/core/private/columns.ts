import type { ColumnRequirement } from '../node';
import type { Column } from '../schema';

/** Typed columns as requirements on a node's inputs. */
export function columnRequirements(columns: readonly Column[], role: string): ColumnRequirement[] {
  return columns.map((c) => ({ name: c.name, type: c.type.name, role }));
}

/** Column names as requirements on a node's inputs, any type. */
export function namedRequirements(names: readonly string[], role: string): ColumnRequirement[] {
  return names.map((name) => ({ name, role }));
}
