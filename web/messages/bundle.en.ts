/**
 * The English messages every page needs (the core pages' and the exam's): the one chunk the exam room
 * loads, so a candidate on a weak line downloads no other area's texts. The rest: `bundle.en.rest.ts`.
 */
import core from './en.json';
import exam from './exam/en.json';

export default { ...core, exam };
