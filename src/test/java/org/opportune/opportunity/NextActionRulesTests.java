package org.opportune.opportunity;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NextActionRulesTests {

    private final NextActionRules rules = NextActionRules.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
            // English
            "keep in touch", "Keep in touch!", "monitor", "Monitor the situation", "follow up", "Follow-up",
            "FOLLOW UP", "follow up with the customer next week", "Follow up with them on Monday", "check in",
            "Check in with Anna next week", "touch base", "Touch base with client", "stay in contact",
            "Stay in touch with the prospect", "circle back", "reach out again", "keep an eye on it", "ping them",
            "call", "Call the customer", "email them", "wait", "Wait and see", "see what happens", "TBD", "todo",
            "n/a", "-", "...", "?", "follow up in 2 weeks", "check back in a few days", "get back to them soon",
            "Follow up on the deal", "keep warm", "check status", "chase", "nudge the client",
            // German
            "nachfassen", "Beim Kunden nachfassen", "in Kontakt bleiben", "Mit dem Kunden in Kontakt bleiben",
            "nachhaken", "dranbleiben", "am Ball bleiben", "beobachten", "Lage beobachten", "im Auge behalten",
            "nächste Woche nachfassen", "sich melden", "Kunden anrufen", "abwarten", "wie besprochen",
            // French
            "relancer", "Relancer le client", "rester en contact", "Rester en contact avec le client", "faire un suivi",
            "faire le point", "surveiller", "suivre le dossier", "rappeler la semaine prochaine", "attendre",
            "comme convenu",
            // Spanish
            "hacer seguimiento", "Dar seguimiento al cliente la próxima semana", "mantener contacto",
            "estar en contacto", "seguir en contacto con el cliente", "monitorear", "vigilar la situación",
            "llamar al cliente", "esperar", "volver a contactar", "nada"})
    void refusesVagueNextActions(String action) {
        assertThat(rules.isVague(action)).as(action).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // English
            "Send revised quote with volume discount", "Follow up on the proposal sent 3 March",
            "Call Anna about the pilot dates", "Call Anna to agree the pilot start date",
            "Follow up with Anna about the revised quote", "Prepare demo for Thursday", "Send contract for signature",
            "Book a demo of the reporting module", "Email the price list for 50 licences",
            "Check in with Anna about the signed NDA", "Review contract draft", "Ask procurement for the PO number",
            "Send proposal", "Monitor delivery of the sample chairs",
            // German
            "Angebot mit Mengenrabatt schicken", "Überarbeitetes Angebot bis Freitag senden",
            "Bei Anna wegen der Testlizenz nachfassen", "Vertrag zur Unterschrift schicken", "Demo-Termin vereinbaren",
            // French
            "Envoyer le devis révisé", "Relancer au sujet du devis envoyé le 3 mars", "Préparer la démo du module facturation",
            "Appeler Marie pour fixer la date du pilote",
            // Spanish
            "Enviar la cotización revisada", "Llamar a Carlos para confirmar el pedido de 20 sillas",
            "Preparar la demo para el jueves", "Hacer seguimiento de la propuesta enviada el 3 de marzo"})
    void acceptsConcreteNextActions(String action) {
        assertThat(rules.isVague(action)).as(action).isFalse();
    }

    @Test
    void theListsAndThePatternAreConfigurable() {
        var custom = new NextActionRules(new OpportunityProperties.NextAction(List.of(), List.of("prepare stuff"),
                List.of(), "(wip|later)"));

        assertThat(custom.isVague("Prepare stuff")).isTrue();
        assertThat(custom.isVague("WIP")).isTrue();
        assertThat(custom.isVague("keep in touch")).as("the built-in phrases still count").isTrue();
        assertThat(custom.isVague("Send revised quote")).isFalse();
    }
}
