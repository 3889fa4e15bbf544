package org.opportune.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a benchmark's CPU went between two readings: this JVM, the PostgreSQL server's processes, and the
 * whole machine (Linux {@code /proc}; elsewhere only the JVM is measured). On two cores the question
 * "could it go faster" is mostly "who used the cores", so the import benchmark prints this with its rate.
 */
final class CpuMeter {

    /** Linux's USER_HZ: /proc reports process times in these ticks. */
    private static final double TICKS_PER_SECOND = 100;

    private final long startNanos = System.nanoTime();
    private final double jvm = jvmSeconds();
    private final double postgres = postgresSeconds();
    private final double machine = machineBusySeconds();

    /** A reading of what was used since this meter was made, e.g. {@code "JVM 41.2 s, PostgreSQL 12.0 s, ..."}. */
    String since() {
        var wall = (System.nanoTime() - startNanos) / 1e9;
        var cores = Runtime.getRuntime().availableProcessors();
        var jvmUsed = jvmSeconds() - jvm;
        var postgresUsed = postgresSeconds() - postgres;
        var machineUsed = machineBusySeconds() - machine;
        return String.format(Locale.ROOT, "CPU over %.1f s of %d cores (%.1f core-seconds): this JVM %.1f s, PostgreSQL %.1f s,"
                        + " everything else %.1f s, idle %.1f s", wall, cores, wall * cores, jvmUsed, postgresUsed,
                Math.max(0, machineUsed - jvmUsed - postgresUsed), Math.max(0, wall * cores - machineUsed));
    }

    private static double jvmSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    /** User and system time of every process named {@code postgres} (the server and its backends). */
    private static double postgresSeconds() {
        var proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> entries = Files.list(proc)) {
            for (var entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                ticks += postgresTicks(entry.resolve("stat"));
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / TICKS_PER_SECOND;
    }

    private static long postgresTicks(Path stat) {
        try {
            var line = Files.readString(stat);
            var name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
            if (!name.equals("postgres")) {
                return 0;
            }
            // after "pid (comm) ": state is field 3, utime field 14, stime field 15
            var fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
    }

    /** All cores' time not idle and not waiting for I/O, from the first line of /proc/stat. */
    private static double machineBusySeconds() {
        try {
            var fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
