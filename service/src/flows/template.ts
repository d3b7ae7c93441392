import type { FlowInput } from '../engine/flow.ts';

/** A built-in integration flow: the data of a flow, parameterised by the connections it runs between. */
export interface FlowTemplate {
  /** Template id; also the default flow id. */
  id: string;
  sourceSystem: string;
  targetSystem: string;
  build(connections: { source: string; target: string }): FlowInput;
}
