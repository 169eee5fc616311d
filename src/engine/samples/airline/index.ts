export { AIRLINE_PLANTED, generateAirlineCalls, iterateAirlineCalls } from './generator';
export type { AirlineCall, AirlineCallTruth, AirlinePlanted } from './generator';
export { AIRLINE_INTENTS, AIRLINE_MOVES, AIRLINE_SITUATIONS } from './phrases';
export type { AirlineIntent, AirlineMove, AirlineSituation } from './phrases';
