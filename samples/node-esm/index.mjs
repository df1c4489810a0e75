// Sample app written as an ES module (loaded with import()).

export function double(x) {
  return x * 2;
}

export async function later(x) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return x;
}
