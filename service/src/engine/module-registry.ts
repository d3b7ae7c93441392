/**
 * What the service knows of its connector modules, merged once at boot: the modules by system, the transform
 * registry (the engine's transforms plus every module's), and the field catalogs (every module's entities). Flows,
 * mapping rows and the mapping editor are checked against these, never against a connector folder.
 */
import { createFieldCatalogs, type FieldCatalogs } from './catalog.ts';
import type { ConnectorModule } from './connector.ts';
import { createTransformRegistry, type TransformRegistry } from './transforms.ts';

export interface ModuleRegistry {
  readonly modules: readonly ConnectorModule[];
  get(system: string): ConnectorModule | undefined;
  readonly transforms: TransformRegistry;
  readonly catalogs: FieldCatalogs;
}

export function createModuleRegistry(modules: readonly ConnectorModule[]): ModuleRegistry {
  const bySystem = new Map<string, ConnectorModule>();
  for (const m of modules) {
    if (bySystem.has(m.system)) throw new Error(`connector module "${m.system}" is registered twice`);
    const wrong = m.catalog.filter((c) => c.system !== m.system);
    if (wrong.length) throw new Error(`connector module "${m.system}" lists catalogs of another system: ${wrong.map((c) => `${c.system}/${c.entity}`).join(', ')}`);
    bySystem.set(m.system, m);
  }
  return {
    modules,
    get: (system) => bySystem.get(system),
    transforms: createTransformRegistry(modules.map((m) => ({ owner: `connector ${m.system}`, transforms: m.transforms }))),
    catalogs: createFieldCatalogs(modules.flatMap((m) => m.catalog)),
  };
}
