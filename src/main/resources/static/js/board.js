// The pipeline board: drag a card to another column. No inline script (CSP). A drop fills the board's one
// hidden move form (#board-drop) with the card's id and version and the column's stage and submits it: the
// same request as the card's own "Move to" menu (fetched when its "Move…" is opened), and htmx swaps in the
// board the server answers with.
(function () {
    "use strict";
    if (!document.getElementById("board")) { return; }
    var dragged = null;

    function columnOf(node) { return node && node.closest ? node.closest(".board-column") : null; }
    function clearTargets() {
        Array.prototype.forEach.call(document.querySelectorAll(".board-column.drop-target"), function (c) {
            c.classList.remove("drop-target");
        });
    }

    document.addEventListener("dragstart", function (event) {
        var card = event.target && event.target.closest ? event.target.closest(".board-card[draggable='true']") : null;
        if (!card) { return; }
        dragged = card;
        card.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", card.dataset.id);
    });
    document.addEventListener("dragend", function () {
        if (dragged) { dragged.classList.remove("dragging"); }
        dragged = null;
        clearTargets();
    });
    document.addEventListener("dragover", function (event) {
        var column = columnOf(event.target);
        if (!column || !dragged) { return; }
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        if (!column.classList.contains("drop-target")) {
            clearTargets();
            column.classList.add("drop-target");
        }
    });
    document.addEventListener("drop", function (event) {
        var column = columnOf(event.target);
        if (!column) { return; }
        event.preventDefault();
        clearTargets();
        var id = event.dataTransfer.getData("text/plain") || (dragged && dragged.dataset.id);
        var card = id ? document.getElementById("card-" + id) : null;
        if (!card || card.dataset.stage === column.dataset.stage) { return; }
        var form = document.getElementById("board-drop");
        if (!form) { return; }
        form.elements.namedItem("id").value = card.dataset.id;
        form.elements.namedItem("version").value = card.dataset.version;
        form.elements.namedItem("stage").value = column.dataset.stage;
        column.querySelector(".board-cards").appendChild(card);
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    });

    // Cancel in a card's question: reload the board with the current filters.
    document.addEventListener("click", function (event) {
        var cancel = event.target && event.target.closest ? event.target.closest(".board-cancel") : null;
        if (!cancel) { return; }
        event.preventDefault();
        var filters = document.getElementById("board-filters");
        var query = filters ? new URLSearchParams(new FormData(filters)).toString() : "";
        window.htmx.ajax("GET", "/pipeline" + (query ? "?" + query : ""), { target: "#board", swap: "outerHTML" });
    });

    // After a move that asks something, put the focus on the question (htmx:load fires on the new board).
    document.body.addEventListener("htmx:load", function (event) {
        var board = event.target;
        if (!board || board.id !== "board") { return; }
        var field = board.querySelector(".board-prompt select, .board-prompt input:not([type='hidden'])");
        if (field) { field.focus(); }
    });
})();
