/** A simulator for a scenario, with the protocol module its `protocol` names. */
import { protocolModule } from './protocols/registry';
import type { Scenario } from './scenario';
import { Simulator } from './simulator';
import type { SimOptions } from './simulator';

export function createSimulator(scenario: Scenario, options: SimOptions = {}): Simulator {
  return new Simulator(scenario, protocolModule(scenario.protocol), options);
}
