package org.opportune.opportunity;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a concrete next action ("Send revised quote with volume discount", "Follow up on the proposal sent
 * 3 March") from a vague one ("keep in touch", "monitor", "follow up with the customer next week") in
 * English, German, French and Spanish.
 *
 * <p>How: the text is lower-cased and stripped of punctuation; if it matches the vague pattern it is vague.
 * Otherwise the vague phrases are taken out, then a person named after "with / mit / avec / con", then
 * filler words (articles, pronouns, "customer", times like "next week", numbers). If no word is left, the
 * action said nothing about <em>what</em> will be done. The lists come from {@link OpportunityProperties}.
 */
final class NextActionRules {

    static final String HINT = "Say what will be done, e.g. 'Send revised quote with volume discount' or "
            + "'Call Anna to agree the pilot start date'.";

    static final List<String> DEFAULT_PHRASES = List.of(
            // English
            "keep in touch", "stay in touch", "stay in contact", "keep in contact", "be in touch", "get in touch",
            "get back to", "touch base", "check in", "check back", "checking in", "follow up", "followup", "following up",
            "circle back", "reach out", "keep an eye on", "keep track of", "keep warm", "keep posted", "keep informed",
            "see what happens", "wait and see", "catch up", "monitor", "monitoring", "watch", "track", "chase", "nudge",
            "ping", "call", "phone", "ring", "email", "e mail", "mail", "write", "contact", "wait", "remind", "reminder",
            "check", "update", "review", "discuss", "talk", "speak", "look into", "think about", "keep",
            // German
            "in kontakt bleiben", "kontakt halten", "kontakt aufnehmen", "nachfassen", "nachhaken", "nachhalten",
            "dranbleiben", "am ball bleiben", "im auge behalten", "beobachten", "sich melden", "melden", "anrufen",
            "telefonieren", "schreiben", "mailen", "abwarten", "warten", "erinnern", "nachfragen", "kontaktieren",
            "besprechen", "verfolgen", "weiterverfolgen", "weiter verfolgen", "bleiben",
            // French
            "rester en contact", "garder le contact", "prendre contact", "reprendre contact", "garder un oeil sur",
            "faire un suivi", "faire le suivi", "assurer le suivi", "faire le point", "relancer", "relance", "suivi",
            "suivre", "surveiller", "appeler", "telephoner", "ecrire", "contacter", "recontacter", "attendre",
            "rappeler", "voir", "discuter",
            // Spanish
            "mantener contacto", "mantener el contacto", "mantenerse en contacto", "estar en contacto",
            "seguir en contacto", "ponerse en contacto", "retomar contacto", "volver a contactar", "hacer seguimiento",
            "hacer un seguimiento", "dar seguimiento", "seguimiento", "seguir", "monitorear", "vigilar", "llamar",
            "escribir", "contactar", "esperar", "recordar", "revisar", "hablar", "comentar");

    static final List<String> DEFAULT_FILLERS = List.of(
            // English
            "the", "a", "an", "to", "with", "on", "in", "at", "for", "of", "about", "and", "or", "up", "again", "later",
            "soon", "regularly", "weekly", "monthly", "daily", "periodically", "next", "this", "that", "week", "weeks",
            "month", "months", "day", "days", "today", "tomorrow", "asap", "customer", "customers", "client", "clients",
            "prospect", "lead", "deal", "opportunity", "account", "them", "him", "her", "it", "they", "us", "we", "me",
            "situation", "status", "progress", "things", "thing", "everything", "something", "how", "going", "what",
            "happens", "if", "maybe", "time", "from", "until", "when", "there", "still", "some", "any", "few", "couple",
            "after", "before", "by", "via", "touch", "base", "eye", "interested", "is", "are", "see", "their", "his",
            "morning", "afternoon", "end", "early", "late", "mid", "again", "more", "info", "information", "news",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
            // German
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "mit", "beim", "bei",
            "zum", "zur", "zu", "auf", "im", "am", "und", "oder", "wieder", "spater", "bald", "nachste", "nachsten",
            "nachster", "woche", "wochen", "monat", "monaten", "tag", "tage", "tagen", "heute", "morgen", "kunde",
            "kunden", "kundin", "interessent", "ihm", "ihr", "ihnen", "sie", "er", "es", "uns", "lage", "stand", "sache",
            "mal", "noch", "regelmassig", "ggf", "eventuell", "per", "telefonisch", "telefon", "ob", "wie", "lauft",
            "kontakt", "auge", "ball", "sich", "in", "ende", "anfang", "nochmal", "nochmals",
            "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
            "januar", "februar", "marz", "mai", "juni", "juli", "oktober", "dezember",
            // French
            "le", "la", "les", "un", "une", "des", "du", "de", "avec", "au", "aux", "et", "ou", "pour", "sur",
            "plus", "tard", "bientot", "prochaine", "prochain", "semaine", "mois", "jour", "jours", "aujourd", "hui",
            "demain", "client", "cliente", "lui", "leur", "eux", "il", "elle", "ils", "nous", "dossier",
            "affaire", "encore", "regulierement", "par", "telephone", "comment", "ca", "va", "contact", "oeil",
            "point", "fin", "debut", "nouveau", "nouvelles",
            "lundi", "mardi", "mercredi", "jeudi", "vendredi",
            "janvier", "fevrier", "mars", "avril", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
            "decembre",
            // Spanish
            "el", "los", "las", "unos", "unas", "con", "al", "del", "en", "y", "o", "para", "por", "sobre", "mas",
            "pronto", "proxima", "proximo", "semana", "mes", "dia", "dias", "hoy", "manana", "clientes", "ella",
            "ellos", "nos", "situacion", "estado", "caso", "nuevo", "otra", "vez", "regularmente", "correo", "ver",
            "como", "contacto", "a", "lo", "su", "sus", "tarde",
            "lunes", "martes", "miercoles", "jueves", "viernes",
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
            "noviembre", "diciembre");

    static final String DEFAULT_PATTERN = "(tbd|tba|todo|to do|n a|na|none|nothing|nichts|rien|nada|see above|"
            + "as discussed|wie besprochen|comme convenu|como hablado|siehe oben|x+|etc)";

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NAMED_PERSON = Pattern.compile(" (?:with|mit|avec|con|w) [\\p{L}]+ ");

    private final List<String> phrases;
    private final Set<String> fillers;
    private final Pattern vague;

    NextActionRules(OpportunityProperties.NextAction settings) {
        var all = new LinkedHashSet<String>();
        (settings.vaguePhrases().isEmpty() ? DEFAULT_PHRASES : settings.vaguePhrases()).forEach(p -> all.add(normalise(p)));
        settings.additionalPhrases().forEach(p -> all.add(normalise(p)));
        all.remove("");
        this.phrases = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        var words = new LinkedHashSet<String>();
        (settings.fillerWords().isEmpty() ? DEFAULT_FILLERS : settings.fillerWords()).forEach(w -> words.add(normalise(w)));
        this.fillers = Set.copyOf(words);
        this.vague = Pattern.compile(settings.vaguePattern().isBlank() ? DEFAULT_PATTERN : settings.vaguePattern(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    static NextActionRules defaults() {
        return new NextActionRules(OpportunityProperties.defaults().nextAction());
    }

    /** True when the action does not say what will be done. Blank text is vague too. */
    boolean isVague(String action) {
        var text = normalise(action);
        if (text.isEmpty() || vague.matcher(text).matches()) {
            return true;
        }
        var rest = " " + text + " ";
        var removedPhrase = false;
        for (var phrase : phrases) {
            var needle = " " + phrase + " ";
            while (rest.contains(needle)) {
                rest = rest.replace(needle, " ");
                removedPhrase = true;
            }
        }
        if (removedPhrase) {
            rest = NAMED_PERSON.matcher(rest).replaceAll(" ");
        }
        return Arrays.stream(rest.strip().split(" "))
                .filter(word -> !word.isEmpty())
                .filter(word -> !fillers.contains(word))
                .filter(word -> word.chars().noneMatch(Character::isDigit))
                .filter(word -> word.length() > 1)
                .findAny()
                .isEmpty();
    }

    /** Lower case, accents removed, anything but letters and digits a single space. */
    static String normalise(String text) {
        var decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT).replace("ß", "ss").replace("œ", "oe"),
                Normalizer.Form.NFD);
        return NOT_WORD.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").strip();
    }
}
