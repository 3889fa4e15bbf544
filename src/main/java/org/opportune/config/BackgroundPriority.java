package org.opportune.config;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the CPU priority of the calling thread (Linux: its nice value, through the C library's
 * {@code setpriority} for the thread's id). Catching up after an import (threading, triage, customer
 * linking of hundreds of batches) is background work: at a lower priority it takes the cores only when
 * pages, live mail and the import itself leave them idle. Java's own thread priorities have no effect on
 * Linux without a JVM flag and root, hence the C library. Elsewhere nothing changes.
 */
final class BackgroundPriority {

    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);

    private static final int PRIO_PROCESS = 0;
    private static final boolean AVAILABLE = register();

    private BackgroundPriority() {
    }

    private static boolean register() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Native.register(BackgroundPriority.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (LinkageError | RuntimeException e) {
            log.info("Thread priorities cannot be lowered here ({}); background work runs at normal priority", e.toString());
            return false;
        }
    }

    /**
     * Gives the calling thread this nice value (0 normal, 19 lowest; raising it needs no privileges).
     *
     * @return whether it was set
     */
    static boolean lowerCurrentThread(int nice) {
        if (!AVAILABLE || nice <= 0) {
            return false;
        }
        try {
            // on Linux, setpriority with a thread's id sets that thread's nice value alone
            setpriority(PRIO_PROCESS, gettid(), Math.min(nice, 19));
            return true;
        } catch (LastErrorException | LinkageError e) {
            log.info("Could not lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
            return false;
        }
    }

    private static native int gettid();

    private static native int setpriority(int which, int who, int prio) throws LastErrorException;
}
