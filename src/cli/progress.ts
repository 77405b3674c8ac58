/**
 * The progress bar on stderr: runs done of the total and the time left. It draws only when
 * stderr is a terminal and --quiet is off, so logs and pipes never fill with redraws.
 */
import cliProgress from "cli-progress";

/** Reports progress; {@link stop} clears the line. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/**
 * A progress bar, or a silent stand-in when it should not draw.
 * @param stream - where to draw (stderr).
 * @param enabled - false with --quiet or when the stream is not a terminal.
 */
export function createProgress(stream: NodeJS.WritableStream, enabled: boolean): Progress {
  if (!enabled) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{bar} {value}/{total} runs | {percentage}% | {eta_formatted} left",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
