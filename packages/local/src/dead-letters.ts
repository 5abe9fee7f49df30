import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeadLetter } from './bus';

/**
 * The bus's dead letters, kept as JSON lines in a file when given one, so a delivery that kept failing is
 * still there after a restart (EventBridge keeps them in the rule's SQS queue). Each letter is appended as
 * it arrives; the file is rewritten (compacted) only once a redrive has settled, so a crash mid-redrive
 * loses nothing: the letters are delivered again, and every target is idempotent per submission.
 */
export class DeadLetterStore {
  readonly letters: DeadLetter[] = [];

  constructor(private readonly file?: string) {
    if (file === undefined || !existsSync(file)) return;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      try {
        this.letters.push(JSON.parse(line) as DeadLetter);
      } catch {
        // A line cut short by a crash is skipped; the rest still load.
      }
    }
  }

  add(letter: DeadLetter): void {
    this.letters.push(letter);
    if (this.file === undefined) return;
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(letter)}\n`);
  }

  /** Takes every letter out for redelivery; the file keeps them until `compact`. */
  take(): DeadLetter[] {
    return this.letters.splice(0);
  }

  /** Rewrites the file to hold exactly the letters still dead (written aside, then renamed over it). */
  compact(): void {
    if (this.file === undefined) return;
    const text = this.letters.map((letter) => `${JSON.stringify(letter)}\n`).join('');
    writeFileSync(`${this.file}.tmp`, text);
    renameSync(`${this.file}.tmp`, this.file);
  }
}
