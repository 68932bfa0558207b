package io.lakesh.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ErrorResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Iceberg REST catalog server for tests: the REST protocol's routes served over the JDK's HTTP server by
 * iceberg-core's own {@link CatalogHandlers} (the server-side half of the spec), backed by a JDBC catalog in a SQLite
 * file with its warehouse on local disk. lakesh talks to it through Iceberg's {@code RESTCatalog} as it would to any
 * REST catalog; {@link #requests()} counts what reached the server, so a test can tell the REST path was taken.
 */
public final class RestCatalogServer implements AutoCloseable {
    private static final String SEPARATOR = "%1F"; // the spec's default namespace separator, URL-encoded
    private static final ObjectMapper JSON = restMapper();

    private final HttpServer http;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final JdbcCatalog backing = new JdbcCatalog();
    private final AtomicInteger requests = new AtomicInteger();

    private RestCatalogServer(Path dir) throws IOException {
        backing.initialize("backing", Map.of(
                CatalogProperties.URI, "jdbc:sqlite:" + dir.resolve("rest-catalog.db"),
                CatalogProperties.WAREHOUSE_LOCATION, dir.resolve("warehouse").toUri().toString(),
                "jdbc.schema-version", "V1"));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handle);
        http.setExecutor(threads);
        http.start();
    }

    /** Starts a server keeping its catalog and warehouse under {@code dir}. */
    public static RestCatalogServer start(Path dir) {
        try {
            return new RestCatalogServer(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the REST catalog server", e);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Requests the server has answered so far. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Object response;
            int status = 200;
            try {
                response = route(exchange.getRequestMethod(), segments(exchange), exchange);
                if (response == null) {
                    status = 204;
                }
            } catch (NoSuchTableException | NoSuchNamespaceException e) {
                status = 404;
                response = error(e, status);
            } catch (AlreadyExistsException | CommitFailedException | NamespaceNotEmptyException e) {
                status = 409;
                response = error(e, status);
            } catch (ValidationException | IllegalArgumentException e) {
                status = 400;
                response = error(e, status);
            } catch (RuntimeException e) {
                status = 500;
                response = error(e, status);
            }
            if (response == null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] body = JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** iceberg-core's own REST mapper (package-private): the client's exact JSON settings, so both ends agree. */
    private static ObjectMapper restMapper() {
        try {
            java.lang.reflect.Method mapper = Class.forName("org.apache.iceberg.rest.RESTObjectMapper").getDeclaredMethod("mapper");
            mapper.setAccessible(true);
            return (ObjectMapper) mapper.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("iceberg-core changed: no RESTObjectMapper.mapper()", e);
        }
    }

    private static ErrorResponse error(RuntimeException e, int status) {
        return ErrorResponse.builder().responseCode(status).withType(e.getClass().getSimpleName())
                .withMessage(String.valueOf(e.getMessage())).build();
    }

    private static List<String> segments(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /** The routes of the REST spec that a catalog client needs for tables; views and scan planning are not served. */
    private Object route(String method, List<String> p, HttpExchange exchange) throws IOException {
        if (p.size() < 2 || !p.get(0).equals("v1")) {
            throw new NoSuchTableException("no route %s %s", method, exchange.getRequestURI());
        }
        String head = p.get(1);
        if (p.size() == 2 && head.equals("config")) {
            return ConfigResponse.builder().build();
        }
        if (p.size() == 3 && head.equals("tables") && p.get(2).equals("rename") && method.equals("POST")) {
            CatalogHandlers.renameTable(backing, read(exchange, RenameTableRequest.class));
            return null;
        }
        if (!head.equals("namespaces")) {
            throw new NoSuchTableException("no route %s %s", method, exchange.getRequestURI());
        }
        if (p.size() == 2) {
            if (method.equals("POST")) {
                return CatalogHandlers.createNamespace(backing, read(exchange, CreateNamespaceRequest.class));
            }
            String parent = query(exchange, "parent");
            return CatalogHandlers.listNamespaces(backing,
                    parent == null ? Namespace.empty() : RESTUtil.decodeNamespace(parent, SEPARATOR));
        }
        Namespace namespace = RESTUtil.decodeNamespace(p.get(2), SEPARATOR);
        if (p.size() == 3) {
            switch (method) {
                case "HEAD" -> {
                    CatalogHandlers.namespaceExists(backing, namespace);
                    return null;
                }
                case "DELETE" -> {
                    CatalogHandlers.dropNamespace(backing, namespace);
                    return null;
                }
                default -> {
                    return CatalogHandlers.loadNamespace(backing, namespace);
                }
            }
        }
        if (p.size() == 4 && p.get(3).equals("properties")) {
            return CatalogHandlers.updateNamespaceProperties(backing, namespace,
                    read(exchange, UpdateNamespacePropertiesRequest.class));
        }
        if (p.size() == 4 && p.get(3).equals("tables")) {
            if (method.equals("POST")) {
                CreateTableRequest request = read(exchange, CreateTableRequest.class);
                return request.stageCreate()
                        ? CatalogHandlers.stageTableCreate(backing, namespace, request)
                        : CatalogHandlers.createTable(backing, namespace, request);
            }
            return CatalogHandlers.listTables(backing, namespace);
        }
        if (p.get(3).equals("tables") && p.size() >= 5) {
            TableIdentifier id = TableIdentifier.of(namespace, RESTUtil.decodeString(p.get(4)));
            if (p.size() == 6 && p.get(5).equals("metrics")) {
                return null; // scan and commit reports: accepted, not kept
            }
            switch (method) {
                case "HEAD" -> {
                    CatalogHandlers.tableExists(backing, id);
                    return null;
                }
                case "DELETE" -> {
                    if ("true".equals(query(exchange, "purgeRequested"))) {
                        CatalogHandlers.purgeTable(backing, id);
                    } else {
                        CatalogHandlers.dropTable(backing, id);
                    }
                    return null;
                }
                case "POST" -> {
                    return CatalogHandlers.updateTable(backing, id, read(exchange, UpdateTableRequest.class));
                }
                default -> {
                    return CatalogHandlers.loadTable(backing, id, RESTCatalogProperties.SnapshotMode.ALL);
                }
            }
        }
        throw new NoSuchTableException("no route %s %s", method, exchange.getRequestURI());
    }

    private static <T> T read(HttpExchange exchange, Class<T> type) throws IOException {
        return JSON.readValue(exchange.getRequestBody(), type);
    }

    private static String query(HttpExchange exchange, String name) {
        String q = exchange.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        threads.shutdownNow();
        backing.close();
    }
}
