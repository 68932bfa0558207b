package io.lakesh.store;

import io.lakesh.config.Config;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Both configurations carry lakesh.conf's `hadoop.*` and the client defaults; the client's skips Hadoop's defaults. */
class HadoopConfTest {
    @Test
    void theClientConfigurationHasLakeshSettingsButNoDefaultResources() throws Exception {
        Path file = Files.createTempFile("lakesh-conf-", ".conf");
        Files.writeString(file, "hadoop.dfs.replication = 2\nhadoop.ipc.client.connect.timeout = 5000\n");
        Config config = new Config(file);
        for (Configuration conf : new Configuration[] {HadoopConf.client(config), HadoopConf.create(config)}) {
            assertEquals("2", conf.get("dfs.replication"));
            assertEquals("5000", conf.get("ipc.client.connect.timeout"), "lakesh.conf wins over lakesh's client default");
            assertEquals("COMPOSITE_CRC", conf.get("dfs.checksum.combine.mode"));
            assertEquals("1", conf.get("ipc.client.connect.max.retries"), "fail fast, not core-default.xml's 10");
        }
        // hadoop.tmp.dir is set in core-default.xml only: the client configuration never parsed that file
        assertNull(HadoopConf.client(config).get("hadoop.tmp.dir"));
        assertEquals("/tmp/hadoop-" + System.getProperty("user.name"), HadoopConf.create(config).get("hadoop.tmp.dir"));
    }
}
