package io.lakesh.health;

import io.lakesh.command.Errors;
import io.lakesh.iceberg.Catalogs;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;

import java.util.List;

/** An Iceberg catalog answers: it opens and lists its top-level namespaces. */
public final class CatalogCheck implements HealthCheck {
    static final String COMPONENT = "catalog";

    private final Catalogs catalogs;
    private final String name;

    public CatalogCheck(Catalogs catalogs, String name) {
        this.catalogs = catalogs;
        this.name = name;
    }

    @Override
    public String component() {
        return COMPONENT;
    }

    @Override
    public String headlineCheck() {
        return "reachable";
    }

    @Override
    public String target() {
        return name;
    }

    @Override
    public List<CheckResult> run() {
        try {
            Catalog catalog = catalogs.catalog(name);
            if (!(catalog instanceof SupportsNamespaces sn)) {
                catalog.name();
                return List.of(new CheckResult(COMPONENT, name, "reachable", Status.OK, null, "opens (it has no namespaces to list)"));
            }
            int namespaces = sn.listNamespaces().size();
            return List.of(new CheckResult(COMPONENT, name, "reachable", Status.OK, namespaces, namespaces + " namespaces"));
        } catch (RuntimeException e) {
            return List.of(CheckResult.critical(COMPONENT, name, "reachable", Errors.message(e, null)));
        }
    }
}
