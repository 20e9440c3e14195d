/**
 * Sticky clients' home servers: workload client ci is bound to S((i-1) mod nodes + 1), as a
 * client library binds to one coordinator. A partition drawn between servers in the CAP view
 * places each sticky client beside its home server, so that a client on the minority side
 * stays there — which is what makes a CP store refuse it.
 */

/** The index of client `clientIndex`'s (0-based) home server among `nodes` servers. */
export function homeIndex(clientIndex: number, nodes: number): number {
  return clientIndex % nodes;
}

/**
 * `groups` of servers with every workload client c1…c`clients` added to its home server's
 * group. Groups that already name a client are returned as they are (the user placed them).
 */
export function placeClientsAtHome(
  groups: readonly (readonly string[])[],
  clients: number,
  serverIds: readonly string[],
): string[][] {
  const out = groups.map((g) => [...g]);
  if (out.some((g) => g.some((ref) => /^c\d+$/.test(ref)))) return out;
  // Servers named in no group form one more group together: written out, with its clients.
  const named = new Set(out.flat());
  const rest = serverIds.filter((id) => !named.has(id));
  const restGroup: string[] = [...rest];
  for (let c = 0; c < clients; c++) {
    const home = serverIds[homeIndex(c, serverIds.length)]!;
    (out.find((g) => g.includes(home)) ?? restGroup).push(`c${c + 1}`);
  }
  if (restGroup.length > rest.length) out.push(restGroup);
  return out;
}
