package io.lakesh.bench;

/** Wall and CPU times of the runs of one command; hdfsCpu is what the harness JVM (hosting the HDFS) used meanwhile. */
record Series(Samples wall, Samples cpu, Samples hdfsCpu) {
    Series() {
        this(new Samples(), new Samples(), new Samples());
    }

    void add(Proc.Result r) {
        wall.add(r.seconds());
        cpu.add(r.cpu());
        hdfsCpu.add(r.selfCpu());
    }
}
