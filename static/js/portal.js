// Pequenos comportamentos do portal. Tudo funciona sem JavaScript; isto só melhora.
document.addEventListener("DOMContentLoaded", function () {
  // Após uma troca parcial (htmx), o foco vai para a região atualizada, para leitores de tela.
  document.body.addEventListener("htmx:afterSwap", function (evento) {
    var alvo = evento.detail.target;
    if (alvo && alvo.id === "resultados") {
      alvo.setAttribute("tabindex", "-1");
    }
  });
});
