// A Trino 476 on this machine for demos and local work: lakesh -f lakefs-init/trino-local.groovy start|stop|status
// start: fetches the server into the local Maven repository (821 MB, once), unpacks it beside the tarball, keeps the
// iceberg, delta-lake, tpch and memory plugins, writes $LAKESH_HOME/trino/etc and starts it on 127.0.0.1, then sets
// trino.url in lakesh.conf. Running it twice changes nothing the second time. stop: stops it by its pid file.
import io.lakesh.init.TrinoCatalogFiles
import io.lakesh.init.TrinoLocal

import java.nio.file.Files
import java.time.Duration

def action = args ? args[0] : 'status'
def ns = lake.namespace()
def data = ns.home().dir().resolve('trino')
def pidFile = data.resolve('trino.pid')
def running = {
    Files.isRegularFile(pidFile) ? ProcessHandle.of(Files.readString(pidFile).trim() as long)
            .filter { it.info().commandLine().orElse('').contains('io.trino.server.TrinoServer') }.orElse(null) : null
}

/** The catalogs: tpch, memory, delta on local files, and iceberg where lakesh.conf has a PostgreSQL JDBC catalog. */
def catalogs = {
    def files = new TrinoCatalogFiles().tpch('tpch').memory('memory').delta('delta', data.resolve('delta-metastore'))
    def conf = ns.config()
    def jdbc = conf.withPrefix('catalog.').keySet().collect { it.split('\\.')[0] }.unique().find {
        conf.get("catalog.${it}.uri".toString(), '').startsWith('jdbc:postgresql:')
    }
    if (jdbc) {
        def p = { key -> conf.get("catalog.${jdbc}.${key}".toString()) }
        files.iceberg('iceberg', new TrinoCatalogFiles.IcebergJdbc(jdbc, p('uri'), p('jdbc.user'), p('jdbc.password'), p('warehouse')))
    }
    files
}

switch (action) {
    case 'start':
        def pid = running()
        if (pid) {
            out.println "Trino is running (pid ${pid.pid()}) at ${ns.config().get('trino.url')}"
            break
        }
        def started = System.nanoTime()
        def install = TrinoLocal.install(TrinoLocal.localRepository())
        Files.createDirectories(data)
        def server = TrinoLocal.start(install, TrinoLocal.findJava(), data, catalogs())
        server.awaitReady(Duration.ofSeconds(120))
        ns.config().set('trino.url', server.httpUrl())
        ns.config().save()
        out.println "Trino ${TrinoLocal.VERSION} started (pid ${server.pid()}) at ${server.httpUrl()} in ${(System.nanoTime() - started).intdiv(1_000_000)} ms; trino.url set in lakesh.conf"
        break
    case 'stop':
        def pid = running()
        if (!pid) {
            out.println 'Trino is not running'
            break
        }
        TrinoLocal.stop(pid)
        Files.deleteIfExists(pidFile)
        out.println "Trino (pid ${pid.pid()}) stopped"
        break
    case 'status':
        def pid = running()
        out.println(pid ? "Trino is running (pid ${pid.pid()}) at ${ns.config().get('trino.url')}" : 'Trino is not running')
        if (!pid) exit 1
        break
    default:
        err.println "trino-local.groovy: start, stop or status, not '${action}'"
        exit 2
}
