import type { TestPlatform } from '@civic/testkit';

export default async function globalTeardown(): Promise<void> {
  const platforms = (globalThis as { civicPlatforms?: TestPlatform[] }).civicPlatforms ?? [];
  await Promise.all(platforms.map((p) => p.dispose()));
}
