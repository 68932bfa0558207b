package io.lakesh.command;

import io.lakesh.LakeshException;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NotDirectoryException;

/** Turns a failure into the one line a user reads: the path, what went wrong, what to do. */
public final class Errors {
    private Errors() {
    }

    public static String message(Throwable e, String path) {
        String quoted = path == null ? "" : "'" + path + "'";
        String at = path == null ? "" : quoted + ": ";
        if (e instanceof LakeshException) {
            return e.getMessage();
        }
        if (e instanceof FileNotFoundException) {
            return at + "No such file or directory";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return at + (f.getReason() != null && f.getReason().contains("file") ? "Is a file" : "File exists");
        }
        if (e instanceof NotDirectoryException) {
            return at + "Not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return at + "Permission denied";
        }
        Throwable network = networkCause(e);
        if (network != null) {
            return "cannot reach the file system" + (path == null ? "" : " of " + quoted) + ": " + describe(network)
                + " (is the NameNode running? 'mount' shows where each path points)";
        }
        String text = firstLine(e);
        if (text.contains("Permission denied") || e.getClass().getSimpleName().equals("AccessControlException")) {
            return at + text.substring(Math.max(0, text.indexOf("Permission denied")));
        }
        if (e.getClass().getSimpleName().equals("FileAlreadyExistsException")) {
            return at + "File exists";
        }
        return at + text;
    }

    private static Throwable networkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return t;
            }
        }
        return null;
    }

    private static String describe(Throwable network) {
        if (network instanceof UnknownHostException) {
            return "unknown host " + network.getMessage();
        }
        String m = network.getMessage();
        if (m != null && m.contains("Connection refused")) {
            return "connection refused";
        }
        return network instanceof SocketTimeoutException ? "timed out" : firstLine(network);
    }

    /** The first line of a message, without the exception class names Hadoop puts in front of it. */
    public static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.strip();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        return m.replaceAll("^(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
    }
}
