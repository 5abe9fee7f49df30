import { reject } from './errors';
import { type Matcher, matcherKey } from './matcher';
import { WildcardAutomaton, type WildcardBytes } from './wildcard';

/**
 * What else shares a field's matcher table in AWS's state machine. It changes how a value is fed to
 * that table: numbers go in as sortable bytes when numeric patterns are present, and strings are also
 * tried as IP addresses when address patterns are present.
 */
export interface FieldFlags {
  readonly hasNumeric: boolean;
  readonly hasIp: boolean;
}

/** Branch fields in the order AWS visits them: sorted by path. */
export interface CompiledField {
  readonly path: string;
  readonly matchers: readonly Matcher[];
  readonly flags: FieldFlags;
}

/** The most wildcard states one field may keep alive at once before AWS calls a rule too complex. */
export const MAX_COMPLEXITY = 10;

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

class Table {
  readonly next = new Map<string, State>();
  readonly matchers: Matcher[] = [];
  readonly followers = new Set<State>();
  wildcards: WildcardAutomaton<State> | undefined;
}

class State {
  readonly tables = new Map<string, Table>();
  readonly absentNext = new Map<string, State>();
}

function isNumeric(matcher: Matcher): boolean {
  return (
    matcher.kind === 'numeric-equals' ||
    matcher.kind === 'range' ||
    (matcher.kind === 'anything-but' && matcher.numbers.length > 0)
  );
}

// Rebuilds the shape of AWS's per-rule state machine: a state per key prefix and matched pattern,
// shared by branches that agree so far, each holding one matcher table per field.
function buildStates(branches: ReadonlyArray<ReadonlyMap<string, readonly Matcher[]>>) {
  const root = new State();
  const tablesByBranch = branches.map((branch) => {
    const keys = [...branch.keys()].sort();
    const used = keys.map(() => new Set<Table>());
    const visit = (state: State, index: number): void => {
      const key = keys[index];
      if (key === undefined) return;
      let table = state.tables.get(key);
      let last: State | undefined;
      const nextStates = new Set<State>();
      for (const matcher of branch.get(key) ?? []) {
        if (matcher.kind === 'absent') {
          last = state.absentNext.get(key) ?? last ?? new State();
          state.absentNext.set(key, last);
        } else {
          if (table === undefined) {
            table = new Table();
            state.tables.set(key, table);
          }
          used[index]?.add(table);
          last = addToTable(table, matcher, last);
        }
        nextStates.add(last);
      }
      for (const next of nextStates) visit(next, index + 1);
    };
    visit(root, 0);
    return { keys, used };
  });
  return { root, tablesByBranch };
}

// Mirrors how AWS picks the state after a match: an equal pattern already in the table keeps its
// state, and a new one takes the state its list has used so far (or a fresh one).
function addToTable(table: Table, matcher: Matcher, last: State | undefined): State {
  const id = matcherKey(matcher);
  const wildcards = wildcardValues(matcher);
  let next: State;
  if (wildcards !== undefined) {
    table.wildcards ??= new WildcardAutomaton<State>();
    next = table.wildcards.add(id, wildcards, last ?? new State());
  } else {
    next = table.next.get(id) ?? last ?? new State();
  }
  if (!table.next.has(id)) {
    table.next.set(id, next);
    table.matchers.push(matcher);
  }
  table.followers.add(next);
  return next;
}

function wildcardValues(matcher: Matcher): WildcardBytes[] | undefined {
  if (matcher.kind === 'wildcard') return [matcher.wildcard.bytes];
  if (matcher.kind === 'anything-but-wildcard') return matcher.values.map((value) => value.bytes);
  return undefined;
}

// AWS only follows value matches when measuring, so fields reached solely through
// `exists: false` are never measured.
function complexity(state: State, seen: Set<State>): number {
  if (seen.has(state)) return 0;
  seen.add(state);
  let worst = 0;
  for (const table of state.tables.values()) {
    worst = Math.max(worst, table.wildcards?.complexity(MAX_COMPLEXITY) ?? 0);
    for (const next of table.followers) worst = Math.max(worst, complexity(next, seen));
    if (worst > MAX_COMPLEXITY) return worst;
  }
  return worst;
}

/** Rejects patterns whose wildcards AWS considers too expensive to evaluate. */
export function checkComplexity(branches: ReadonlyArray<ReadonlyMap<string, readonly Matcher[]>>): void {
  const withWildcards = branches.filter((branch) =>
    [...branch.values()].some((matchers) =>
      matchers.some((matcher) => wildcardValues(matcher) !== undefined),
    ),
  );
  if (withWildcards.length === 0) return;
  const { root } = buildStates(withWildcards);
  if (complexity(root, new Set()) > MAX_COMPLEXITY) reject(TOO_COMPLEX);
}

/** Orders each branch's fields and works out the matcher-table flags each field is evaluated with. */
export function layoutBranches(
  branches: ReadonlyArray<ReadonlyMap<string, readonly Matcher[]>>,
): CompiledField[][] {
  const { tablesByBranch } = buildStates(branches);
  return branches.map((branch, index) => {
    const layout = tablesByBranch[index];
    return (layout?.keys ?? []).map((path, keyIndex) => {
      const tables = [...(layout?.used[keyIndex] ?? [])];
      const all = tables.flatMap((table) => table.matchers);
      return {
        path,
        matchers: branch.get(path) ?? [],
        flags: { hasNumeric: all.some(isNumeric), hasIp: all.some((matcher) => matcher.kind === 'ip') },
      };
    });
  });
}
