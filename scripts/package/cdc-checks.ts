/**
 * Change Data Capture checks: the channel members fit the default allowance (a 6th member fails a source deploy
 * or a scratch org, cdc-design.ts) and are exactly the members the design says the service reads.
 */
import { basename, relative } from 'node:path';
import { CDC_CHANNEL, CDC_DEFAULT_ENTITY_ALLOWANCE, designedChannelMembers } from './cdc-design.ts';
import { parseXml } from './metadata.ts';
import type { Problem } from './problem.ts';

interface Member {
  file: string;
  eventChannel: string;
  selectedEntity: string;
}

export function checkChangeDataCapture(root: string, files: string[], wellFormed: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const add = (file: string, message: string) => problems.push({ check: 'cdc', file: relative(root, file), message });
  const members: Member[] = files
    .filter((f) => f.endsWith('.platformEventChannelMember-meta.xml') && wellFormed.has(f))
    .map((file) => ({ file, ...(parseXml(file).PlatformEventChannelMember as { eventChannel: string; selectedEntity: string }) }));

  for (const member of members) {
    // A member of the standard channel is an org-wide selection the package would take from the subscriber.
    if (member.eventChannel === 'ChangeEvents') add(member.file, 'selects an entity on the standard ChangeEvents channel; use the package channel');
    if (!/^(?:\w+__ChangeEvent|[A-Za-z0-9]+ChangeEvent)$/.test(member.selectedEntity)) {
      add(member.file, `selectedEntity ${member.selectedEntity} is not a change event name (<Object>ChangeEvent or <Name>__ChangeEvent)`);
    }
  }
  const distinct = [...new Set(members.map((m) => m.selectedEntity))];
  if (distinct.length > CDC_DEFAULT_ENTITY_ALLOWANCE) {
    const first = members[members.length - 1]!;
    add(
      first.file,
      `${distinct.length} entities selected for Change Data Capture (${distinct.sort().join(', ')}); an org without the add-on may select ` +
        `${CDC_DEFAULT_ENTITY_ALLOWANCE} and the deploy fails on the next one`,
    );
  }

  const onChannel = members.filter((m) => m.eventChannel === CDC_CHANNEL).map((m) => m.selectedEntity).sort();
  const designed = designedChannelMembers();
  const channelFile = files.find((f) => basename(f) === `${CDC_CHANNEL}.platformEventChannel-meta.xml`) ?? root;
  for (const entity of designed.filter((e) => !onChannel.includes(e))) {
    add(channelFile, `${entity} is missing from ${CDC_CHANNEL}: the service reads it from the channel (scripts/package/cdc-design.ts)`);
  }
  for (const member of members.filter((m) => m.eventChannel === CDC_CHANNEL && !designed.includes(m.selectedEntity))) {
    add(member.file, `${member.selectedEntity} is not in the CDC design (scripts/package/cdc-design.ts): say which flow reads it, or drop the member`);
  }
  return problems;
}
