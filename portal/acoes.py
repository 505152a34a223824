"""O esqueleto de uma ação sobre um objeto (solucionar um chamado, emitir uma exigência...): com JavaScript,
num diálogo dentro da página do objeto (htmx); sem ele, numa página com um formulário comum."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseClientRedirect


def acao_executar(request, *, form, executar, erro: type[Exception], sucesso: str, destino: str, template: str,
                  contexto: dict):
    """Valida o formulário e chama o serviço (`executar(form)`). Com sucesso, a mensagem e a volta ao objeto;
    com o erro de domínio `erro`, o formulário volta com a mensagem (no campo, se o erro diz qual) e com o que
    foi digitado. `template` tem um `{% partialdef dialogo %}` para a resposta ao htmx."""
    if request.method == "POST" and form.is_valid():
        try:
            executar(form)
        except erro as falha:
            campo = getattr(falha, "campo", None)
            form.add_error(campo if campo in form.fields else None, str(falha))
        else:
            messages.success(request, sucesso)
            # Para o htmx, um 200 com HX-Redirect: um 302 seria seguido e a página inteira cairia no diálogo.
            return HttpResponseClientRedirect(destino) if request.htmx else redirect(destino)
    contexto = {**contexto, "form": form, "acao": request.path}
    return render(request, f"{template}#dialogo" if request.htmx else template, contexto)
