package org.opportune.shared;

/**
 * Listeners of an import's batch events ({@code MessagesReceived}, {@code MessagesThreaded},
 * {@code MessagesTriaged}) run on an executor of their own, so that a large import does not hold every
 * thread of the shared one while live mail waits: such a listener carries
 * {@code @Async(BatchEvents.EXECUTOR)} beside its {@code @ApplicationModuleListener}. The executor is
 * defined in the {@code config} module.
 */
public final class BatchEvents {

    /** The bean name of the executor, for {@code @Async}. */
    public static final String EXECUTOR = "batchEventsExecutor";

    private BatchEvents() {
    }
}
