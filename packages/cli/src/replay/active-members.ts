import type { GroupDescription } from "@edm/kafka";

/** Kafka resets a group's offsets only when nobody is in it ("Empty"; "Dead" once it is gone). */
export function hasActiveMembers(group: GroupDescription): boolean {
  return group.members.length > 0;
}

/** "edm-stats@/10.1.2.3, edm-stats@/10.1.2.4" — enough to tell which app and which dyno. */
export function describeMembers(group: GroupDescription): string {
  const shown = group.members.slice(0, 5).map((member) => `${member.clientId}@${member.clientHost}`);
  const more = group.members.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}
