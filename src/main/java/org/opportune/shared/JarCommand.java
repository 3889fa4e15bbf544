package org.opportune.shared;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of the executable jar ({@code java -jar opportune.jar NAME ARGS...}), run with the
 * application context up but no web server. Modules contribute commands as beans.
 */
public interface JarCommand {

    /** The words that select this command, such as {@code activity verify}. */
    String name();

    /** One line for {@code --help}. */
    String summary();

    /**
     * Runs the command.
     *
     * @param args what followed the command's name
     * @return the process exit code: 0 for success
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
