package org.opportune.opportunity;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The pipeline stages' table. */
@Repository
class StageStore {

    private final JdbcClient jdbc;

    StageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every stage, active or not, in pipeline order. */
    List<StageView> all() {
        return jdbc.sql("select stage_key, name, position, kind, default_probability, active from pipeline_stages order by position, stage_key")
                .query((rs, n) -> new StageView(rs.getString(1), rs.getString(2), rs.getInt(3),
                        StageKind.fromLabel(rs.getString(4)), rs.getInt(5), rs.getBoolean(6)))
                .list();
    }

    Optional<StageView> find(String key) {
        return all().stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** Locks the stage table's rows so that two admins' edits cannot together break the won/lost rule. */
    void lockAll() {
        jdbc.sql("select stage_key from pipeline_stages order by stage_key for update").query(String.class).list();
    }

    void insert(StageView stage) {
        jdbc.sql("""
                insert into pipeline_stages (stage_key, name, position, kind, default_probability, active)
                values (:key, :name, :position, :kind, :probability, :active)""")
                .param("key", stage.key()).param("name", stage.name()).param("position", stage.position())
                .param("kind", stage.kind().label()).param("probability", stage.defaultProbability())
                .param("active", stage.active())
                .update();
    }

    void update(StageView stage) {
        jdbc.sql("""
                update pipeline_stages set name = :name, position = :position, default_probability = :probability,
                    active = :active, version = version + 1
                where stage_key = :key""")
                .param("key", stage.key()).param("name", stage.name()).param("position", stage.position())
                .param("probability", stage.defaultProbability()).param("active", stage.active())
                .update();
    }
}
