/**
 * The quickstart's voice: a header line per step and one or two indented
 * lines of what happened. With `--json` it writes to stderr, so stdout holds
 * only the JSON document.
 */
export class Narrator {
  constructor(private readonly out: NodeJS.WritableStream) {}

  /** `[3/11] schema infer + validate`. */
  step(index: number, total: number, title: string): void {
    this.out.write(`\n[${index}/${total}] ${title}\n`);
  }

  /** An indented line under the current step. */
  say(line: string): void {
    this.out.write(`      ${line}\n`);
  }

  /** An unindented line (the summary). */
  line(text = ''): void {
    this.out.write(`${text}\n`);
  }
}
