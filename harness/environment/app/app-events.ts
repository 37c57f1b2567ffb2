// The events an app (a child process or a container) reports: each log line, each start, each exit.
// Providers subscribe through StartedEnvironment.onAppLog/onAppStart/onAppExit.
import type { AppExit, AppLogLine, AppStart } from '../types.ts';

type Listener<T> = (value: T) => void;

export class AppEventSource {
  private readonly logListeners = new Set<Listener<AppLogLine>>();
  private readonly exitListeners = new Set<Listener<AppExit>>();
  private readonly startListeners = new Set<Listener<AppStart>>();

  onLog(listener: Listener<AppLogLine>): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  onExit(listener: Listener<AppExit>): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  onStart(listener: Listener<AppStart>): () => void {
    this.startListeners.add(listener);
    return () => this.startListeners.delete(listener);
  }

  protected emitLog(line: AppLogLine): void {
    for (const listener of this.logListeners) listener(line);
  }

  protected emitExit(exit: AppExit): void {
    for (const listener of this.exitListeners) listener(exit);
  }

  protected emitStart(start: AppStart): void {
    for (const listener of this.startListeners) listener(start);
  }
}
