// Who recorded a task, for a dataset's provenance, without their id: a
// SHA-256 of a team salt and the demonstrator's id. The same person under the
// same salt always hashes alike (a team can count per person, or drop one
// person's data), and the id itself never leaves the machine.
export async function demonstratorHash(id: string, salt: string): Promise<string | null> {
  const clean = id.trim();
  if (!clean) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}\u0000${clean}`));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
