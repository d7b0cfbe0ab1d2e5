/** How topologicalOrder reads a graph: an item's id and what it depends on, and how to name failures. */
export interface GraphShape<T> {
  readonly id: (item: T) => string;
  readonly dependsOn: (item: T) => readonly string[];
  /** A dependency outside the graph (a raw table for models): not ordered, not an error. */
  readonly isExternal?: (dependency: string) => boolean;
  /** The error for a dependency that is neither an item nor external. */
  readonly unknown: (item: T, dependency: string) => Error;
  /** The error for a cycle, given the ids along it. */
  readonly cycle: (trail: readonly string[]) => Error;
}

/**
 * Items in an order where each comes after everything it depends on; among
 * items free to go in any order, the given order is kept. The job graph and
 * the model catalog both order themselves with this.
 */
export function topologicalOrder<T>(items: readonly T[], shape: GraphShape<T>): T[] {
  const byId = new Map(items.map((item) => [shape.id(item), item]));
  const state = new Map<string, 'visiting' | 'done'>();
  const ordered: T[] = [];
  const visit = (item: T, trail: readonly string[]) => {
    const id = shape.id(item);
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw shape.cycle([...trail, id]);
    state.set(id, 'visiting');
    for (const dependency of shape.dependsOn(item)) {
      if (shape.isExternal?.(dependency)) continue;
      const upstream = byId.get(dependency);
      if (upstream === undefined) throw shape.unknown(item, dependency);
      visit(upstream, [...trail, id]);
    }
    state.set(id, 'done');
    ordered.push(item);
  };
  for (const item of items) visit(item, []);
  return ordered;
}
