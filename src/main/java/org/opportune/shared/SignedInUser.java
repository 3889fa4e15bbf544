package org.opportune.shared;

/**
 * What every module may know about the person behind a request: implemented by the security
 * principal of the {@code identity} module so that the layout and other modules can show and
 * attribute work without depending on {@code identity}'s internals.
 */
public interface SignedInUser {

    long userId();

    String username();

    String displayName();

    default Actor asActor() {
        return Actor.user(userId(), username());
    }
}
