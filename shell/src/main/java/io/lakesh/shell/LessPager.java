package io.lakesh.shell;

import io.lakesh.command.Pager;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Pages through `less` (or $PAGER) on the terminal: -F quits at once when the text fits, -R keeps colours. */
final class LessPager implements Pager {
    private final Terminal terminal;
    private final String command;

    LessPager(Terminal terminal) {
        this.terminal = terminal;
        String env = System.getenv("PAGER");
        this.command = env == null || env.isBlank() ? "less -FRSX" : env;
    }

    @Override
    public int height() {
        return Math.max(5, terminal.getHeight() - 2);
    }

    @Override
    public boolean page(String text) {
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException quitEarly) {
                // the reader quit (q) before reading everything: nothing more to show
                p.destroy();
            }
            p.waitFor();
            return p.exitValue() == 0 || p.exitValue() == 141;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
