package dev.sluice.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** The servlet filters every request to Javalin's routes passes, in order: base path, method override, HEAD. */
final class ServletFilters {

    private ServletFilters() {
    }

    static void install(ServletContextHandler context, Hrefs hrefs) {
        if (!hrefs.basePath().isEmpty()) {
            add(context, new BasePathFilter(hrefs));
        }
        add(context, new MethodOverrideFilter());
        add(context, new HeadRequests());
    }

    private static void add(ServletContextHandler context, Filter filter) {
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    }
}
