import { describe, expect, it } from 'vitest';
import type { DynamoCall, WrittenItem } from './probe';
import { estimateLogBytes, readUnits, writeUnits } from './usage';

const item = (entity: string, bytes: number, indexed = false): WrittenItem => ({
  entity,
  submissionId: 's',
  status: undefined,
  bytes,
  indexed,
});
const call = (command: string, items: WrittenItem[], consistentRead = false): DynamoCall => ({
  command,
  start: 0,
  end: 1,
  ok: true,
  error: undefined,
  task: undefined,
  submissionId: 's',
  consistentRead,
  transactional: command.startsWith('Transact'),
  items,
});

describe('write request units', () => {
  it('charge a put one unit per started kilobyte', () => {
    expect(writeUnits(call('PutItem', [item('submission', 400)]))).toBe(1);
    expect(writeUnits(call('PutItem', [item('ordererror', 1500)]))).toBe(2);
  });

  it('charge each item of a transaction twice, and its index entry again', () => {
    // counter 2 + order 2 (+2 for its GSI entry) + claim 2
    const sequencing = call('TransactWriteItems', [
      item('partnercounter', 80),
      item('order', 700, true),
      item('orderclaim', 200),
    ]);
    expect(writeUnits(sequencing)).toBe(8);
  });
});

describe('read request units', () => {
  it('charge a consistent read one unit and an eventually consistent one half', () => {
    expect(readUnits(call('GetItem', [], true))).toBe(1);
    expect(readUnits(call('GetItem', [], false))).toBe(0.5);
    expect(readUnits(call('PutItem', [item('submission', 10)]))).toBe(0);
  });
});

describe('estimateLogBytes', () => {
  it('adds the scheduled, started and succeeded records of a Task state to its entered and exited ones', () => {
    const pass = estimateLogBytes([
      { id: 1, type: 'StateEntered', stateType: 'Pass', timestamp: '', input: {} },
      { id: 2, type: 'StateExited', stateType: 'Pass', timestamp: '', output: {} },
    ]);
    const task = estimateLogBytes([
      { id: 1, type: 'StateEntered', stateType: 'Task', timestamp: '', input: {} },
      { id: 2, type: 'StateExited', stateType: 'Task', timestamp: '', output: {} },
    ]);
    // `{}` is logged as the string "{}": 4 bytes.
    expect(task - pass).toBe(3 * (pass / 2 - 4) + 2 * 4);
  });
});
