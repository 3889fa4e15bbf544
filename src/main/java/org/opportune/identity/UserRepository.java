package org.opportune.identity;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<User, Long> {

    Optional<User> findByUsername(String username);

    boolean existsByUsername(String username);

    @Query("select count(*) from users where role = :role and active = true")
    long countActiveWithRole(String role);

    @Query("select * from users order by active desc, lower(display_name)")
    List<User> findAllForAdmin();
}
