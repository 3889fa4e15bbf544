package org.opportune.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends every session of a person by removing Spring Session JDBC's rows for that principal (the
 * attributes go with them, by cascade). Sessions are rows in the database, so this holds on every app
 * node at once, and also when it runs from a jar command without a web server.
 */
@Component
class SessionTerminator {

    private final JdbcClient jdbc;

    SessionTerminator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int endAllSessionsOf(String username) {
        return jdbc.sql("delete from spring_session where principal_name = :username")
                .param("username", username)
                .update();
    }
}
