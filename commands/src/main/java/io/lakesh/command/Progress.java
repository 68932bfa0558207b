package io.lakesh.command;

/** Progress of one long piece of work; the shell shows it as a status line, scripts and pipes not at all. */
public interface Progress extends AutoCloseable {

    /** Starts reporting work of a known size. */
    interface Factory {
        Progress start(String label, long totalBytes, long totalItems);
    }

    Factory NONE = (label, bytes, items) -> new Progress() {
        @Override
        public void advance(long bytes) {
        }

        @Override
        public void itemDone() {
        }

        @Override
        public void close() {
        }
    };

    /** More bytes done; called from worker threads. */
    void advance(long bytes);

    /** Work without a size to count (a running query) shows this text instead: `42%  1,204,000 rows`. */
    default void status(String text) {
    }

    /** One more item (file) done; called from worker threads. */
    void itemDone();

    @Override
    void close();
}
