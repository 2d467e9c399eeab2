/**
 * The Azerbaijani messages every page needs (the core pages' and the exam's): the one chunk the exam room
 * loads, so a candidate on a weak line downloads no other area's texts. The rest: `bundle.az.rest.ts`.
 */
import core from './az.json';
import exam from './exam/az.json';

export default { ...core, exam };
