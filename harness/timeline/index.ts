// The recorded timeline: its types, the recorder that builds it, and the helpers checks share.
export type * from './types.ts';
export {
  TimelineRecorder,
  RecorderError,
  type Clock,
  type FaultStart,
  type TimelineRecorderOptions,
} from './recorder.ts';
export { attachEnvironment } from './attach-environment.ts';
export { toLogEvent, looksLikeStackTrace, FATAL_LEVEL, ERROR_LEVEL } from './log-event.ts';
export {
  PhaseMap,
  PHASES,
  phaseAt,
  faultWindows,
  windowInterval,
  answerTimes,
  type Phase,
  type PhaseOptions,
  type Interval,
} from './phases.ts';
export * from './samples.ts';
