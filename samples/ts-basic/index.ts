// Sample TypeScript app: typed functions (inspect shows their types), an async one, an untyped one.

export function add(a: number, b: number): number {
  return a + b;
}

export const greet = (name: string): string => `Hello, ${name}!`;

// Awaits a timer, so several calls can be in flight at once.
export async function later(ms: number): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return `waited ${ms} ms`;
}

export function tags(items: string[]): Record<string, boolean> {
  const seen: Record<string, boolean> = {};
  for (const item of items) seen[item] = true;
  return seen;
}

// No annotations: inspect shows the MetaCall "any" type.
export function echo(x) {
  return x;
}
