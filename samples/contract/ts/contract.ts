// The worker contract sample (TypeScript): the same functions, with the same behaviour, as the
// node, py, rb and cs samples beside it. tests/Faas.Server.Tests/Contract runs them all.

// Returns its argument unchanged.
export function echo(value: unknown): unknown {
  return value;
}

export function add(a: number, b: number): number {
  return a + b;
}

// Throws an error with the given message.
export function fails(message: string): never {
  throw new Error(message);
}

// Prints to stdout (which must end up in the app log, never in the result) and returns text.
export function shout(text: string): string {
  console.log(`contract-stdout:${text}`);
  return text;
}

// Waits without blocking other calls.
export async function napMs(ms: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ms;
}

// Ends the worker process at once.
export function exitWith(code: number): never {
  process.exit(code);
}

// Never returns, keeping the CPU busy.
export function spin(): void {
  for (;;) {
    /* busy */
  }
}
