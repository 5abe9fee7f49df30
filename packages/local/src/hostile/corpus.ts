// Bad requests for the order API, as data: each case is the raw text a partner could send and what the API
// must make of it. Most are generated from small tables (every field of each format × each class of bad
// value), so a new field or value class adds its cases everywhere at once. The cases live by kind in
// cases-*.ts; build.ts has the order builder they share.

import { accessCases } from './cases-access';
import { bodyCases } from './cases-bodies';
import { fieldCases } from './cases-fields';
import { textCases } from './cases-text';

export { corpusKeys, type Expectation, type HostileCase, type KeyChoice } from './build';

/** Every case, in a stable order. */
export const corpusCases = [...fieldCases, ...bodyCases, ...textCases, ...accessCases];
