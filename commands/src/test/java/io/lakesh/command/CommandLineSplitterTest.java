package io.lakesh.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandLineSplitterTest {
    private static List<List<String>> split(String s) {
        return CommandLineSplitter.split(s).stream().map(CommandLineSplitter.Statement::texts).toList();
    }

    @Test
    void statementsSplitOnSemicolonsOutsideQuotes() {
        assertEquals(List.of(List.of("ls", "-l", "/local"), List.of("cat", "a;b")), split("ls -l /local; cat 'a;b'"));
    }

    @Test
    void quotesAndEscapesFollowTheShell() {
        assertEquals(List.of(List.of("put", "my file.csv", "it's", "a b")), split("put 'my file.csv' \"it's\" a\\ b"));
    }

    @Test
    void commentsAndBlankStatementsAreSkipped() {
        assertEquals(List.of(List.of("pwd")), split(";; pwd ; # ls"));
    }

    @Test
    void escapedGlobCharactersStayLiteral() {
        assertEquals(List.of(List.of("ls", "a\\*b")), split("ls a\\*b"));
    }

    @Test
    void metaCommandsKeepTheirBackslash() {
        assertEquals(List.of(List.of("\\format", "csv")), split("\\format csv"));
    }

    @Test
    void anUnclosedQuoteIsReportedUnlessLenient() {
        assertThrows(CommandLineSplitter.UnclosedQuoteException.class, () -> split("cat 'abc"));
        assertEquals(List.of("cat", "abc"), CommandLineSplitter.split("cat 'abc", true).get(0).texts());
    }
}
