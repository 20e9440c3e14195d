/**
 * The scenario's `mutations` (issue 13): which rules of the run's protocol are switched off.
 * Each protocol lists its own mutants (ProtocolModule.mutants); a name it does not list is an
 * error naming the ones it does — and, for a name of another protocol's, whose it is.
 */
import type { Mutant } from './protocol';
import { PROTOCOL_NAMES, protocolModule } from './protocols/registry';
import type { ProtocolName } from './protocols/registry';

/** The mutants of a protocol, in the order its module lists them (none: an empty list). */
export function mutantsOf(protocol: ProtocolName): readonly Mutant[] {
  return protocolModule(protocol).mutants ?? [];
}

/** Errors with JSON paths (`$.mutations[1]: …`); none when every name is the protocol's own. */
export function mutationErrors(protocol: ProtocolName, names: readonly string[]): string[] {
  const own = mutantsOf(protocol).map((m) => m.name);
  const known =
    own.length === 0
      ? `${protocolModule(protocol).title} has no mutants`
      : `${protocolModule(protocol).title}'s mutants are ${own.join(', ')}`;
  const errors: string[] = [];
  names.forEach((name, i) => {
    const path = `$.mutations[${i}]`;
    if (names.indexOf(name) !== i) errors.push(`${path}: "${name}" is listed twice`);
    else if (!own.includes(name)) {
      const owners = PROTOCOL_NAMES.filter((p) => mutantsOf(p).some((m) => m.name === name));
      const whose = owners.length > 0 ? ` (it is a mutant of ${owners.join(' and ')})` : '';
      errors.push(`${path}: unknown mutation "${name}"${whose}; ${known}`);
    }
  });
  return errors;
}
