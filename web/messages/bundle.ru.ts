/**
 * The Russian messages every page needs (the core pages' and the exam's): the one chunk the exam room
 * loads, so a candidate on a weak line downloads no other area's texts. The rest: `bundle.ru.rest.ts`.
 */
import core from './ru.json';
import exam from './exam/ru.json';

export default { ...core, exam };
