package org.opportune.mail.internal;

/** The blob store has no content under that key (a key from the database whose file is gone, or a bad key). */
public class BlobNotFoundException extends RuntimeException {

    private BlobNotFoundException(String message) {
        super(message);
    }

    public static BlobNotFoundException forKey(String key) {
        return new BlobNotFoundException("no blob " + (BlobStore.isValidKey(key) ? key : "(invalid key)"));
    }
}
