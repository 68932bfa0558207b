package io.lakesh.init;

import io.lakesh.output.Bytes;
import io.lakesh.store.HadoopConf;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.QuotaUsage;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The warehouse directories on HDFS with their owners, groups, permissions and quotas: one step per
 * directory, parents first (the inventory lists them so). Setting owners and quotas needs the HDFS superuser.
 */
public final class WarehouseLayout implements AutoCloseable {
    private final Inventory inv;
    private final io.lakesh.config.Config config;
    private DistributedFileSystem fs;

    public WarehouseLayout(Inventory inv, io.lakesh.config.Config config) {
        this.inv = inv;
        this.config = config;
    }

    /** One step per warehouse directory of the inventory. */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (Inventory.WarehouseDir d : inv.warehouse().values()) {
            steps.add(Step.of("hdfs " + d.path(), () -> changes(d).isEmpty(), () -> changes(d), () -> apply(d)));
        }
        return steps;
    }

    /** Opened on the first check, so a plan of other recipes never dials the NameNode. */
    private synchronized DistributedFileSystem fs() throws IOException {
        if (fs == null) {
            Configuration conf = HadoopConf.client(config);
            conf.set("fs.defaultFS", inv.defaultFsFromHere());
            conf.setInt("dfs.replication", inv.replication());
            FileSystem opened = FileSystem.newInstance(URI.create(inv.defaultFsFromHere()), conf);
            if (!(opened instanceof DistributedFileSystem dfs)) {
                opened.close();
                throw new IOException(inv.defaultFsFromHere() + " is not HDFS");
            }
            fs = dfs;
        }
        return fs;
    }

    List<String> changes(Inventory.WarehouseDir d) throws IOException {
        List<String> changes = new ArrayList<>();
        FileStatus st;
        try {
            st = fs().getFileStatus(new Path(d.path()));
        } catch (FileNotFoundException e) {
            changes.add("+ mkdir " + d.path() + " (" + describe(d) + ")");
            return changes;
        }
        if (!st.isDirectory()) {
            throw new IOException(d.path() + " exists and is a file, not a directory");
        }
        if (d.owner() != null && !d.owner().equals(st.getOwner()) || d.group() != null && !d.group().equals(st.getGroup())) {
            changes.add("~ chown " + d.path() + " " + st.getOwner() + ":" + st.getGroup() + " -> "
                    + (d.owner() != null ? d.owner() : st.getOwner()) + ":" + (d.group() != null ? d.group() : st.getGroup()));
        }
        String mode = octal(st.getPermission());
        if (!mode.equals(normal(d.mode()))) {
            changes.add("~ chmod " + d.path() + " " + mode + " -> " + normal(d.mode()));
        }
        QuotaUsage q = fs().getQuotaUsage(new Path(d.path()));
        if (q.getQuota() != d.namespaceQuota()) {
            changes.add("~ namespace quota of " + d.path() + " " + count(q.getQuota()) + " -> " + count(d.namespaceQuota()));
        }
        if (q.getSpaceQuota() != d.spaceQuota()) {
            changes.add("~ space quota of " + d.path() + " " + bytes(q.getSpaceQuota()) + " -> " + bytes(d.spaceQuota()));
        }
        return changes;
    }

    private void apply(Inventory.WarehouseDir d) throws IOException {
        Path p = new Path(d.path());
        FsPermission perm = new FsPermission((short) Integer.parseInt(d.mode(), 8));
        DistributedFileSystem dfs = fs();
        if (!dfs.exists(p)) {
            dfs.mkdirs(p, perm);
        }
        dfs.setPermission(p, perm); // mkdirs applies the umask
        if (d.owner() != null || d.group() != null) {
            dfs.setOwner(p, d.owner(), d.group());
        }
        QuotaUsage q = dfs.getQuotaUsage(p);
        if (q.getQuota() != d.namespaceQuota() || q.getSpaceQuota() != d.spaceQuota()) {
            // -1 clears a quota in HDFS (QUOTA_RESET), which is what "none" in the inventory means; only when it
            // differs, since HDFS refuses to clear the root's namespace quota
            dfs.setQuota(p, d.namespaceQuota() < 0 ? -1 : d.namespaceQuota(), d.spaceQuota() < 0 ? -1 : d.spaceQuota());
        }
    }

    private static String describe(Inventory.WarehouseDir d) {
        List<String> parts = new ArrayList<>();
        if (d.owner() != null || d.group() != null) {
            parts.add("owner " + (d.owner() == null ? "-" : d.owner()) + ":" + (d.group() == null ? "-" : d.group()));
        }
        parts.add("mode " + normal(d.mode()));
        if (d.namespaceQuota() >= 0) {
            parts.add("namespace quota " + count(d.namespaceQuota()));
        }
        if (d.spaceQuota() >= 0) {
            parts.add("space quota " + bytes(d.spaceQuota()));
        }
        return String.join(", ", parts);
    }

    private static String octal(FsPermission p) {
        return normal(Integer.toOctalString(p.toShort() & 01777));
    }

    private static String normal(String mode) {
        String m = mode.replaceFirst("^0+(?=\\d{3})", "");
        return m.length() > 3 ? m : String.format("%3s", m).replace(' ', '0');
    }

    private static String count(long n) {
        return n < 0 ? "none" : Long.toString(n);
    }

    private static String bytes(long n) {
        return n < 0 ? "none" : new Bytes(n).human();
    }

    @Override
    public synchronized void close() throws IOException {
        if (fs != null) {
            fs.close();
            fs = null;
        }
    }
}
