/**
 * THE rule table: every primitive of @mmcl/autodiff by name, with its forward and backward rule side by side.
 * The parts live in separate files by kind only to keep each file short.
 */
import { convRules } from './conv.js';
import { elementwiseRules } from './elementwise.js';
import { linalgRules } from './linalg.js';
import { nnRules } from './nn.js';
import { reduceRules } from './reduce.js';
import type { Rule } from './rule.js';
import { shapeRules } from './shape.js';

export const rules = {
  ...elementwiseRules,
  ...linalgRules,
  ...reduceRules,
  ...shapeRules,
  ...nnRules,
  ...convRules,
} satisfies Record<string, Rule<any>>;

export type OpName = keyof typeof rules;
