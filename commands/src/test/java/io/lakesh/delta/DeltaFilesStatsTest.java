package io.lakesh.delta;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DeltaFilesStatsTest {
    @Test
    void numRecordsIsTheTopLevelCountNotAColumnOfThatName() {
        String stats = "{\"minValues\":{\"numRecords\":-5,\"s\":{\"numRecords\":7}},\"maxValues\":{\"numRecords\":9},"
                + "\"nullCount\":{\"numRecords\":0},\"numRecords\":1000,\"tightBounds\":true}";
        assertEquals(1000L, DeltaFiles.numRecords(stats));
        assertEquals(3L, DeltaFiles.numRecords("{\"numRecords\":3,\"minValues\":{\"id\":1}}"));
    }

    @Test
    void statsWithoutACountOrThatDoNotParseHaveNone() {
        assertNull(DeltaFiles.numRecords(null));
        assertNull(DeltaFiles.numRecords("{\"minValues\":{\"numRecords\":1}}"));
        assertNull(DeltaFiles.numRecords("{\"numRecords\":\"many\"}"));
        assertNull(DeltaFiles.numRecords("{\"numRecords\":"));
        assertNull(DeltaFiles.numRecords("[]"));
    }
}
