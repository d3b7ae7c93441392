import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads the package's custom CDC channels from source metadata (`platformEventChannelMembers/*.xml`,
 * SALESFORCE-PACKAGE.md §8): channel name → selected entities (`AccountChangeEvent`…). Keeps the emulator's
 * channels in step with what the package deploys.
 */
export function readChannelMembers(metadataDir: string): Record<string, string[]> {
  const dir = join(metadataDir, 'platformEventChannelMembers');
  const channels: Record<string, string[]> = {};
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.platformEventChannelMember-meta.xml'));
  } catch {
    return channels;
  }
  for (const file of files.sort()) {
    const xml = readFileSync(join(dir, file), 'utf8');
    const channel = /<eventChannel>\s*([^<\s]+)\s*<\/eventChannel>/.exec(xml)?.[1];
    const entity = /<selectedEntity>\s*([^<\s]+)\s*<\/selectedEntity>/.exec(xml)?.[1];
    if (!channel || !entity) throw new Error(`${file}: a channel member needs eventChannel and selectedEntity`);
    (channels[channel] ??= []).push(entity);
  }
  return channels;
}
