package io.lakesh.api;

import io.lakesh.LakeshException;
import io.lakesh.UsageException;
import io.lakesh.store.FileEntry;
import io.lakesh.store.Kind;
import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scripting API returns values, and fails with the command's own one-line error. */
class LakeTest {
    Lakesh lakesh;
    Lake lake;

    @BeforeEach
    void setUp() throws Exception {
        lakesh = Lakesh.inTempHome();
        lake = new Lake(lakesh.runner().context());
        Files.createDirectories(lakesh.warehouse().resolve("db/t/_delta_log"));
        Files.writeString(lakesh.warehouse().resolve("db/a.txt"), "hello\n");
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    @Test
    void lsGivesEntriesWithNamespacePaths() {
        List<FileEntry> entries = lake.ls("/local/db");
        assertEquals(List.of("/local/db/a.txt", "/local/db/t"), entries.stream().map(FileEntry::path).toList());
        assertEquals(Kind.DELTA, entries.get(1).kind());
        assertEquals(6, entries.get(0).length());
        assertEquals("", lakesh.out(), "nothing printed");
    }

    @Test
    void tablesBecomeMapsAndTextBecomesAString() {
        List<Map<String, Object>> du = lake.du("-s", "/local/db");
        assertEquals(6L, du.get(0).get("size"));
        assertEquals("/local/db", du.get(0).get("path"));
        assertEquals("hello\n", lake.cat("/local/db/a.txt"));
        assertEquals("hello\n", lake.sh("cd /local/db; cat a.txt"));
        assertEquals("/local/db", lake.pwd());
    }

    @Test
    void anyCommandRunsByName() {
        lake.run("mkdir", "-p", "/local/x/y");
        assertTrue(Files.isDirectory(lakesh.warehouse().resolve("x/y")));
        lake.methodMissing("touch", new Object[] {"/local/x/y/z"});
        assertTrue(lake.exists("/local/x/y/z"));
    }

    @Test
    void failuresThrowTheOneLineError() {
        LakeshException missing = assertThrows(LakeshException.class, () -> lake.ls("/local/nope"));
        assertEquals("ls: '/local/nope': No such file or directory", missing.getMessage());
        LakeshException guarded = assertThrows(LakeshException.class, () -> lake.rm("-r", "/local/db"));
        assertTrue(guarded.getMessage().startsWith("rm: would delete '/local/db'"), guarded.getMessage());
        UsageException usage = assertThrows(UsageException.class, () -> lake.run("lss"));
        assertEquals("lss: command not found (did you mean 'ls'?); 'help' lists the commands", usage.getMessage());
        lake.rm("-r", "--force", "/local/db");
        assertTrue(Files.notExists(lakesh.warehouse().resolve("db")));
    }
}
