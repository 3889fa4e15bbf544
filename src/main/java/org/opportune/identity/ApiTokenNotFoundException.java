package org.opportune.identity;

/** No such token, or not one the person may see. */
public class ApiTokenNotFoundException extends RuntimeException {

    private ApiTokenNotFoundException(String message) {
        super(message);
    }

    public static ApiTokenNotFoundException forId(long tokenId) {
        return new ApiTokenNotFoundException("No API token " + tokenId);
    }
}
