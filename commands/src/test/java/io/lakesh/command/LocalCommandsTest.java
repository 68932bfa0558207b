package io.lakesh.command;

import io.lakesh.testing.Lakesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transcript tests of the file commands on the embedded /local warehouse. */
class LocalCommandsTest {
    Lakesh lakesh;

    @BeforeEach
    void home() {
        lakesh = Lakesh.inTempHome();
    }

    @AfterEach
    void close() {
        lakesh.close();
    }

    @Test
    void mkdirTouchLsCdAndRelativePaths() {
        assertEquals("""
                > mkdir -p /local/sales/2026 /local/sales/2025
                > touch /local/sales/readme.txt
                > cd sales
                > pwd
                /local/sales
                > ls
                2025        dir
                2026        dir
                readme.txt  file
                > cd 2026/..
                > ls ../sales/2025 ~/sales/2026
                > cd ~
                > pwd
                /local
                """, lakesh.transcript(
                "mkdir -p /local/sales/2026 /local/sales/2025",
                "touch /local/sales/readme.txt",
                "cd sales",
                "pwd",
                "ls",
                "cd 2026/..",
                "ls ../sales/2025 ~/sales/2026",
                "cd ~",
                "pwd"));
    }

    @Test
    void globsExpandLikeHdfsDfs() throws Exception {
        Path w = lakesh.warehouse();
        Files.createDirectories(w.resolve("g"));
        for (String n : new String[] {"a1.parquet", "a2.parquet", "b1.csv", "b2.json", "c9.txt"}) {
            Files.writeString(w.resolve("g").resolve(n), n + "\n");
        }
        assertEquals("""
                > ls /local/g/*.parquet
                /local/g/a1.parquet  file
                /local/g/a2.parquet  file
                > ls /local/g/b?.{csv,json}
                /local/g/b1.csv   file
                /local/g/b2.json  file
                > ls /local/g/[c-z][0-9]*
                /local/g/c9.txt  file
                > cat /local/g/a[!2]*
                a1.parquet
                > ls /local/g/*.orc
                ls: '/local/g/*.orc': No such file or directory (the pattern matches nothing)
                [exit 1]
                """, lakesh.transcript(
                "ls /local/g/*.parquet",
                "ls /local/g/b?.{csv,json}",
                "ls /local/g/[c-z][0-9]*",
                "cat /local/g/a[!2]*",
                "ls /local/g/*.orc"));
    }

    @Test
    void badInputGetsOneLineAndTheRightStatus() {
        assertEquals("""
                > ls /local/nope
                ls: '/local/nope': No such file or directory
                [exit 1]
                > lss /local
                lss: command not found (did you mean 'ls'?); 'help' lists the commands
                [exit 2]
                > ls -z
                ls: Unknown option: '-z' (see 'ls --help')
                [exit 2]
                > ls /nowhere
                ls: '/nowhere': No such file or directory (the namespace has /local, /iceberg)
                [exit 1]
                > cd /local/nope
                cd: '/local/nope': No such file or directory
                [exit 1]
                > head -n x /local
                head: Invalid value for option '-n': 'x' is not an int (see 'head --help')
                [exit 2]
                > cat 'unclosed
                lakesh: unclosed ' quote
                [exit 2]
                """, lakesh.transcript("ls /local/nope", "lss /local", "ls -z", "ls /nowhere", "cd /local/nope",
                "head -n x /local", "cat 'unclosed"));
    }

    @Test
    void aFailingArgumentDoesNotStopTheOthers() throws Exception {
        Files.writeString(lakesh.warehouse().resolve("one.txt"), "one\n");
        assertEquals(1, lakesh.run("cat /local/missing.txt /local/one.txt"));
        assertEquals("one\n", lakesh.out());
        assertEquals("cat: '/local/missing.txt': No such file or directory\n", lakesh.err());
    }

    @Test
    void headAndTailReadLinesFromTheEnds() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Files.writeString(lakesh.warehouse().resolve("big.txt"), sb);
        assertEquals(0, lakesh.run("head -n 2 /local/big.txt"));
        assertEquals("line 1\nline 2\n", lakesh.out());
        assertEquals(0, lakesh.run("tail -n 3 big.txt"));
        assertEquals("line 99998\nline 99999\nline 100000\n", lakesh.out());
        assertEquals(0, lakesh.run("head -c 4 big.txt"));
        assertEquals("line", lakesh.out());
    }

    @Test
    void directoriesOfTablesAreLabelledByFormat() throws Exception {
        Path w = lakesh.warehouse();
        Files.createDirectories(w.resolve("db/events/_delta_log"));
        Files.writeString(w.resolve("db/events/_delta_log/00000000000000000000.json"), "{}");
        Files.createDirectories(w.resolve("db/orders/metadata"));
        Files.writeString(w.resolve("db/orders/metadata/00001-abc.metadata.json"), "{}");
        Files.createDirectories(w.resolve("db/plain/metadata"));
        assertEquals(0, lakesh.run("ls /local/db"));
        assertEquals("events  delta\norders  iceberg\nplain   dir\n", lakesh.out());
        assertEquals(1, lakesh.run("cat /local/db/events"));
        assertEquals("cat: '/local/db/events' is a delta table; its files are listed by 'ls /local/db/events'\n", lakesh.err());
    }

    @Test
    void recursiveRmAsksOrNeedsForceAndMountPointsAreProtected() throws Exception {
        Files.createDirectories(lakesh.warehouse().resolve("old/x"));
        Files.writeString(lakesh.warehouse().resolve("old/x/f.txt"), "12345");
        assertEquals(1, lakesh.run("rm /local/old"));
        assertEquals("rm: '/local/old': Is a directory (use -r to delete it and everything in it)\n", lakesh.err());
        assertEquals(1, lakesh.run("rm -r /local/old"));
        assertEquals("rm: would delete '/local/old': 1 directories, 1 files, 5 B; add --force to delete without asking\n", lakesh.err());
        assertTrue(Files.exists(lakesh.warehouse().resolve("old/x/f.txt")), "nothing deleted without --force");
        assertEquals(1, lakesh.run("rm -r --force /local"));
        assertTrue(lakesh.err().contains("'/local' is a mount point"));
        assertEquals(0, lakesh.run("rm -r --force /local/old"));
        assertFalse(Files.exists(lakesh.warehouse().resolve("old")));
        assertEquals(0, lakesh.run("rm -f /local/not-there"));
    }

    @Test
    void cpAndMvCopyTreesAndRefuseToOverwrite() throws Exception {
        Path src = lakesh.warehouse().resolve("src");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("a.txt"), "a");
        Files.writeString(src.resolve("sub/b.txt"), "bb");
        assertEquals(0, lakesh.run("cp /local/src /local/copy"), lakesh.err());
        assertEquals("bb", Files.readString(lakesh.warehouse().resolve("copy/sub/b.txt")));
        assertEquals(1, lakesh.run("cp /local/src/a.txt /local/copy/a.txt"));
        assertEquals("cp: '/local/copy/a.txt': File exists (use -f to overwrite)\n", lakesh.err());
        Files.writeString(src.resolve("a.txt"), "A2");
        assertEquals(0, lakesh.run("cp -f /local/src/a.txt /local/copy/a.txt"));
        assertEquals("A2", Files.readString(lakesh.warehouse().resolve("copy/a.txt")));
        assertEquals(0, lakesh.run("mv /local/copy /local/moved"));
        assertFalse(Files.exists(lakesh.warehouse().resolve("copy")));
        assertEquals(1, lakesh.run("cp /local/src /local/src/sub"));
        assertEquals("cp: cannot copy '/local/src' into itself ('/local/src/sub/src')\n", lakesh.err());
        try (var files = Files.walk(lakesh.warehouse())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith("._COPYING_")));
        }
    }

    @Test
    void putAndGetUseLocalFileSystemPaths() throws Exception {
        Path outside = Files.createTempDirectory("lakesh-put-");
        Files.writeString(outside.resolve("in.csv"), "id\n1\n");
        assertEquals(0, lakesh.run("put " + outside.resolve("in.csv") + " /local/in.csv"), lakesh.err());
        assertEquals(0, lakesh.run("get /local/in.csv " + outside.resolve("back.csv")), lakesh.err());
        assertEquals("id\n1\n", Files.readString(outside.resolve("back.csv")));
    }

    @Test
    void findDuCountAndStatDescribeTrees() throws Exception {
        Path w = lakesh.warehouse();
        Files.createDirectories(w.resolve("t/p=1"));
        Files.write(w.resolve("t/p=1/a.parquet"), new byte[2048]);
        Files.write(w.resolve("t/p=1/b.parquet"), new byte[10]);
        Files.writeString(w.resolve("t/notes.md"), "x");
        assertEquals(0, lakesh.run("find /local/t -name '*.parquet' -size +1k"));
        assertEquals("/local/t/p=1/a.parquet\n", lakesh.out());
        assertEquals(0, lakesh.run("find /local/t -type d"));
        assertEquals("/local/t\n/local/t/p=1\n", lakesh.out());
        assertEquals(0, lakesh.run("count --format csv /local/t"));
        assertEquals("directories,files,size,path\n2,3,2059,/local/t\n", lakesh.out());
        assertEquals(0, lakesh.run("du -s -h /local/t"));
        assertEquals("   size  with_replicas  path\n2.0 KiB        2.0 KiB  /local/t\n", lakesh.out());
        assertEquals(0, lakesh.run("stat --format json /local/t/notes.md"));
        String json = lakesh.out();
        assertTrue(json.contains("\"path\": \"/local/t/notes.md\", \"kind\": \"file\", \"size\": 1"), json);
        assertTrue(json.contains("\"uri\": \"file://" + w.resolve("t/notes.md") + "\""), json);
    }

    @Test
    void mountsAreListedAddedAndSaved() throws Exception {
        assertEquals(0, lakesh.run("mount /data file:///tmp"));
        assertTrue(Files.readString(lakesh.home().resolve("lakesh.conf")).contains("mount./data = file:///tmp"));
        assertEquals(0, lakesh.run("mount --format csv"));
        String csv = lakesh.out();
        assertTrue(csv.contains("/data,file:///tmp,lakesh.conf"), csv);
        assertTrue(csv.contains("/local,file://" + lakesh.warehouse() + "/,default"), csv);
        assertEquals(0, lakesh.run("ls -d /"));
        assertEquals(0, lakesh.run("umount /data"));
        assertFalse(Files.readString(lakesh.home().resolve("lakesh.conf")).contains("/data"));
        assertEquals(1, lakesh.run("umount /local"));
    }

    @Test
    void helpIsGeneratedFromTheCommandDefinitions() {
        assertEquals(0, lakesh.run("help"));
        String help = lakesh.out();
        assertTrue(help.lines().anyMatch(l -> l.startsWith("ls ") && l.contains("List directories")), help);
        assertEquals(0, lakesh.run("help rm"));
        String rm = lakesh.out();
        assertTrue(rm.startsWith("Usage: rm [-fr] [--help] [--format=FORMAT] PATH..."), rm);
        assertTrue(rm.contains("-f, --force"), rm);
        assertEquals(0, lakesh.run("rm --help"));
        assertEquals(rm, lakesh.out());
    }

    @Test
    void formatsApplyPerCommandAndPerSession() throws Exception {
        Files.writeString(lakesh.warehouse().resolve("f.txt"), "x");
        assertEquals(0, lakesh.run("\\format csv; ls"));
        assertEquals("format: csv\nname,kind\nf.txt,file\n", lakesh.out());
        assertEquals(0, lakesh.run("ls --format markdown"));
        assertEquals("| name | kind |\n| --- | --- |\n| f.txt | file |\n", lakesh.out());
        assertEquals(2, lakesh.run("\\format yaml"));
        assertEquals("\\format: unknown format 'yaml' (known: table, vertical, csv, tsv, json, markdown)\n", lakesh.err());
    }
}
