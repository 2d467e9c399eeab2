/** Item and test statistics: the pure core behind the examiners' statistics pages and `npm run stats`. */
export { analyseItems, etsClass, itemFlags, scoreHistogram, StatisticsInputError } from './analyse';
export { FLAG_THRESHOLDS } from './flags';
export { parseMarksCsv, type MarksCsvResult } from './marks-csv';
export { randomGuessScore } from './random-guess';
export * from './types';
export {
  abilityOf,
  chanceRight,
  itemParameters,
  seededRandom,
  simulateAnswers,
  type PlantedFault,
  type SimulatedAnswers,
  type SimulatedCandidate,
  type SimulatedItem,
  type SimulatedResponse,
} from './simulate';
