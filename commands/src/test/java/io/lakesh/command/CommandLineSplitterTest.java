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

    @Test
    void sqlStatementsGoWholeToTheSqlCommandButCommandsThatLookLikeSqlDoNot() {
        var st = CommandLineSplitter.split("select 'a;b' as x; ls -l; set-current t@1; set threads = 2");
        assertEquals(java.util.List.of("sql", "select 'a;b' as x"), st.get(0).texts());
        assertEquals(java.util.List.of("ls", "-l"), st.get(1).texts());
        assertEquals(java.util.List.of("set-current", "t@1"), st.get(2).texts());
        assertEquals(java.util.List.of("sql", "set threads = 2"), st.get(3).texts());
        org.junit.jupiter.api.Assertions.assertTrue(CommandLineSplitter.inOpenSql("ls; select 1,"));
        org.junit.jupiter.api.Assertions.assertFalse(CommandLineSplitter.inOpenSql("select 1;"));
    }
}
