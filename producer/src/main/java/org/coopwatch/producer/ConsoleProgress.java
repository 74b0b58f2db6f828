package org.coopwatch.producer;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.coopwatch.producer.source.Problem;

/**
 * Progress for a person at a terminal, on stderr (stdout stays free for data). Live mode redraws one
 * status line at most once a second ({@code published 120/450 files (3 skipped), 1,234 articles}) and
 * prints each problem as it is found; quiet mode (stderr not a terminal: logs, CI, pipes) prints only the
 * final summary with every problem. Both end with the same summary and the failed sends.
 */
public final class ConsoleProgress implements ProgressListener {

    /** Problems shown per file; a file with thousands of bad lines is summarised after this many. */
    static final int SHOWN_PER_FILE = 20;
    /** Failed sends shown; when the broker is gone every article fails the same way. */
    static final int SHOWN_FAILED = 50;
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final boolean live;
    private final LongSupplier nanoTime;
    private final Map<String, Integer> shownPerFile = new HashMap<>();
    private long lastDraw;
    private long startNanos;
    private boolean drawn;
    private String status = "";

    public ConsoleProgress(PrintStream out, boolean live, LongSupplier nanoTime) {
        this.out = out;
        this.live = live;
        this.nanoTime = nanoTime;
    }

    /** Live when the process has a terminal (Java 17 cannot test stderr alone; a redirected stdin/stdout means no). */
    public static ConsoleProgress forStderr() {
        return new ConsoleProgress(System.err, System.console() != null, System::nanoTime);
    }

    public static ConsoleProgress forStderr(boolean live) {
        return new ConsoleProgress(System.err, live, System::nanoTime);
    }

    @Override
    public void started(String topic, int inputs) {
        startNanos = nanoTime.getAsLong();
        if (live) {
            status = String.format(Locale.ROOT, "publishing %,d input%s to %s", inputs, inputs == 1 ? "" : "s", topic);
            draw();
            lastDraw = nanoTime.getAsLong();
        }
    }

    @Override
    public void problem(Problem problem) {
        if (!live) return;
        int shown = shownPerFile.merge(problem.file(), 1, Integer::sum);
        if (shown > SHOWN_PER_FILE + 1) return;
        clear();
        out.println(shown <= SHOWN_PER_FILE ? problem.toString()
                : problem.file() + ": more problems, not shown (counted in the summary)");
        if (!status.isEmpty()) draw();
    }

    @Override
    public void progress(Progress p) {
        if (!live) return;
        long now = nanoTime.getAsLong();
        if (drawn && now - lastDraw < INTERVAL_NANOS) return;
        lastDraw = now;
        status = line(p, (now - startNanos) / 1e9);
        draw();
    }

    /**
     * With the input size known: a bar, the share read, the article rate and the time left, estimated
     * from the bytes read so far ({@code [=====>    ] 45% published 1/1 files, 12,345 articles, 250/s, ETA 3m 20s}).
     */
    static String line(Progress p, double elapsedSeconds) {
        double f = p.fractionRead();
        if (f < 0) return line(p);
        int width = 20;
        int filled = (int) Math.round(f * width);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < width; i++) sb.append(i < filled ? '=' : i == filled ? '>' : ' ');
        sb.append(String.format(Locale.ROOT, "] %3.0f%% ", f * 100)).append(line(p));
        if (elapsedSeconds >= 1 && p.articlesRead() > 0) {
            sb.append(String.format(Locale.ROOT, ", %,.0f/s", p.articlesRead() / elapsedSeconds));
        }
        if (elapsedSeconds >= 1 && f > 0 && f < 1) sb.append(", ETA ").append(duration(elapsedSeconds * (1 - f) / f));
        return sb.toString();
    }

    /** "45s", "3m 20s", "2h 05m". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    static String line(Progress p) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "published %,d/%,d files", p.inputsDone(),
                p.inputsTotal()));
        if (p.inputsSkipped() > 0) sb.append(String.format(Locale.ROOT, " (%,d skipped)", p.inputsSkipped()));
        sb.append(String.format(Locale.ROOT, ", %,d article%s", p.published(), p.published() == 1 ? "" : "s"));
        if (p.unconfirmed() > 0) sb.append(String.format(Locale.ROOT, " (+%,d awaiting acks)", p.unconfirmed()));
        if (p.recordsSkipped() > 0) sb.append(String.format(Locale.ROOT, ", %,d bad records", p.recordsSkipped()));
        if (p.failed() > 0) sb.append(String.format(Locale.ROOT, ", %,d FAILED", p.failed()));
        return sb.toString();
    }

    @Override
    public void finished(PublishReport report) {
        clear();
        status = "";
        if (!live) {
            Map<String, Integer> perFile = new LinkedHashMap<>();
            for (Problem p : report.problems()) {
                int n = perFile.merge(p.file(), 1, Integer::sum);
                if (n <= SHOWN_PER_FILE) out.println(p);
            }
            perFile.forEach((file, n) -> {
                if (n > SHOWN_PER_FILE) {
                    out.printf(Locale.ROOT, "%s: %,d problems in all, the first %d shown above%n", file, n, SHOWN_PER_FILE);
                }
            });
        } else {
            shownPerFile.forEach((file, n) -> {
                if (n > SHOWN_PER_FILE) out.printf(Locale.ROOT, "%s: %,d problems in all%n", file, n);
            });
        }
        if (report.problemsNotListed() > 0) {
            out.printf(Locale.ROOT, "(%,d more problems were counted but not kept)%n", report.problemsNotListed());
        }
        int failed = report.failedSends().size();
        for (FailedSend f : report.failedSends().subList(0, Math.min(failed, SHOWN_FAILED))) out.println(f);
        if (failed > SHOWN_FAILED) {
            out.printf(Locale.ROOT, "... and %,d more articles not published (the same cause is likely)%n", failed - SHOWN_FAILED);
        }
        out.println(report.summary());
        out.flush();
    }

    private void draw() {
        out.print("\r\033[K" + status);
        out.flush();
        drawn = true;
    }

    private void clear() {
        if (live && drawn) {
            out.print("\r\033[K");
            drawn = false;
        }
    }
}
