package io.lakesh.shell;

import io.lakesh.command.Progress;
import io.lakesh.output.Bytes;
import org.jline.terminal.Terminal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A status line redrawn four times a second: `cp  42%  [=====>    ]  420/1000 files  420.0 MiB  35.2 MiB/s`. */
final class TerminalProgress implements Progress.Factory {
    private static final int BAR = 24;
    private final Terminal terminal;

    TerminalProgress(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Progress start(String label, long totalBytes, long totalItems) {
        return new Line(label, totalBytes, totalItems);
    }

    private final class Line implements Progress {
        private final String label;
        private final long totalBytes;
        private final long totalItems;
        private final long started = System.nanoTime();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong items = new AtomicLong();
        private final ScheduledExecutorService timer;
        private final ScheduledFuture<?> task;
        private volatile boolean drawn;
        private volatile String status;

        Line(String label, long totalBytes, long totalItems) {
            this.label = label;
            this.totalBytes = totalBytes;
            this.totalItems = totalItems;
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lakesh-progress");
                t.setDaemon(true);
                return t;
            });
            // only work that lasts shows a line: the first draw comes after half a second
            this.task = timer.scheduleAtFixedRate(this::draw, 500, 250, TimeUnit.MILLISECONDS);
        }

        @Override
        public void advance(long n) {
            bytes.addAndGet(n);
        }

        @Override
        public void status(String text) {
            status = text;
        }

        @Override
        public void itemDone() {
            items.incrementAndGet();
        }

        private void draw() {
            long done = bytes.get();
            double fraction = totalBytes == 0 ? (totalItems == 0 ? 1 : (double) items.get() / totalItems) : (double) done / totalBytes;
            int filled = (int) Math.round(fraction * BAR);
            double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
            String s = status;
            String text = s != null ? String.format("%s  %s  %.1f s", label, s, seconds)
                    : String.format("%s %3d%% [%s%s] %d/%d files  %s  %s/s",
                    label, Math.round(fraction * 100), "=".repeat(filled), " ".repeat(BAR - filled),
                    items.get(), totalItems, new Bytes(done).human(), new Bytes((long) (done / seconds)).human());
            int width = Math.max(20, terminal.getWidth() - 1);
            if (text.length() > width) {
                text = text.substring(0, width);
            }
            terminal.writer().print("\r" + text + "\u001b[K");
            terminal.writer().flush();
            drawn = true;
        }

        @Override
        public void close() {
            task.cancel(false);
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (drawn) {
                terminal.writer().print("\r\u001b[K");
                terminal.writer().flush();
            }
        }
    }
}
