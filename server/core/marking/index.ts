export { reconcile, type MarkingRule, type ReconcileInput, type Reconciled } from './reconcile';
export { markerAgreement, type DoubleMarked, type MarkerAgreement } from './agreement';
export { distribute, type Assignment } from './distribute';
