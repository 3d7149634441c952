/** Job names (namespaced, what dashboards show) and the queue each runs on, in one place. */
export const JOB_NAMES = {
  screen: 'resume.screen',
  callback: 'resume.callback',
} as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

/**
 * One queue per stage, so each stage has its own concurrency (extraction is CPU-bound and
 * runs in budgeted threads; callbacks wait on the network) and its own backlog shows in a dashboard.
 */
export const QUEUE_NAMES = {
  screen: 'resume-screen',
  callback: 'resume-callback',
} as const;
export type Stage = keyof typeof QUEUE_NAMES;
export const STAGES = Object.keys(QUEUE_NAMES) as Stage[];
