/** Test helper: a valid scenario from a partial one, failing loudly if it does not validate. */
import { parseScenario } from '../scenario';
import type { Scenario } from '../scenario';

export function scenarioOf(json: Record<string, unknown>): Scenario {
  const parsed = parseScenario({ protocol: 'echo', nodes: 3, seed: 1, duration: 1000, ...json });
  if (!parsed.ok) throw new Error(`test scenario invalid: ${parsed.errors.join('; ')}`);
  return parsed.scenario;
}
