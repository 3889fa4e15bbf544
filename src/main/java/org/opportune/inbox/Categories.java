package org.opportune.inbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.opportune.triage.Category;

/** The triage categories as people read them. */
final class Categories {

    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put(Category.BUYING_SIGNAL.label(), "Buying signal");
        LABELS.put(Category.SUPPORT.label(), "Support");
        LABELS.put(Category.SUPPLIER.label(), "Supplier");
        LABELS.put(Category.OTHER.label(), "Other");
        LABELS.put(Category.INTERNAL.label(), "Internal");
        LABELS.put(Category.AUTO_REPLY.label(), "Auto-reply");
        LABELS.put(Category.BULK.label(), "Newsletter / bulk");
    }

    private Categories() {
    }

    static Map<String, String> all() {
        return LABELS;
    }

    static String label(String key) {
        return LABELS.getOrDefault(key, key);
    }

    static boolean known(String key) {
        return LABELS.containsKey(key);
    }
}
