package dev.sluice.json;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON readers and writers whose working buffers are shared between threads. Jackson keeps them per thread by
 * default, and the server runs each request on a new virtual thread, so every JSON document read or written on a
 * request's way allocated fresh buffers of several kilobytes, however small the document. The pool is bounded, so a
 * burst of concurrent requests leaves no more buffers behind than its bound.
 */
public final class SharedBufferJson {

    private SharedBufferJson() {
    }

    /** A factory builder with the shared buffers, for a mapper with read limits of its own. */
    public static JsonFactoryBuilder factory() {
        return new JsonFactoryBuilder().recyclerPool(JsonRecyclerPools.sharedBoundedPool());
    }

    /** A mapper with Jackson's defaults and the shared buffers. */
    public static ObjectMapper mapper() {
        return new ObjectMapper(factory().build());
    }
}
