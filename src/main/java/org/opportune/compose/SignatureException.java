package org.opportune.compose;

/** A signature that cannot be saved (too long); the message says why. */
public class SignatureException extends RuntimeException {

    SignatureException(String message) {
        super(message);
    }
}
