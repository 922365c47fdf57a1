/**
 * What the widget-load visitors ask, and what `answer-cpu` sends core-ai directly: questions that
 * the parcel and returns snippets (`PARCEL_KNOWLEDGE`, `RETURNS_KNOWLEDGE`) answer, so both benches
 * measure the same answers.
 */
export const PARCEL_QUESTIONS = [
  'Where is my parcel? It has not arrived yet.',
  'How long does tracking take to show the first scan?',
  'Can I return boots I bought three weeks ago?',
  'My parcel has not moved for five days, what now?',
  'Do returns need the original box?',
  'When does my order leave the warehouse?',
];
