package io.lakesh.command;

/** Shows long output a screen at a time. */
public interface Pager {
    /** Rows that fit on the screen; longer results are paged. */
    int height();

    /** Pages the text; false if it could not (then the caller prints it). */
    boolean page(String text);
}
