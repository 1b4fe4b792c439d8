/** The standard result text of a WAPI code, for whole-response expectations. */
export { resultText } from '../../../src/dialects/wedos/codes.ts';
