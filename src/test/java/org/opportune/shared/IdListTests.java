package org.opportune.shared;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdListTests {

    @Test
    void idsBecomeANumberListForAnInClause() {
        assertThat(IdList.literal(List.of(12L, -3L, Long.MAX_VALUE))).isEqualTo("12,-3,9223372036854775807");
        assertThat(IdList.literal(Set.of(7L))).isEqualTo("7");
    }

    @Test
    void noIdsIsRefusedRatherThanAnInvalidQuery() {
        assertThatThrownBy(() -> IdList.literal(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
