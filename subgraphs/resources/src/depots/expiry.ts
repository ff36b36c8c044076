/** Stock is usable through its expiry day (UTC), matching `expires_at >= current_date` in the dispatch statement. */
export function isExpired(expiresAt: string | null, now: Date): boolean {
  return expiresAt !== null && expiresAt < now.toISOString().slice(0, 10);
}
