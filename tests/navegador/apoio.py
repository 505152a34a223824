"""As personas de demonstração e os passos que vários testes de navegador repetem."""

import time
from dataclasses import dataclass

import pyotp

from portal.demo import SEGREDO_TOTP_DEMO, SENHA_DEMO


@dataclass(frozen=True)
class Persona:
    cpf: str  # com máscara, como a pessoa digita
    nome: str
    servidor: bool  # servidor do INSS: entra com TOTP


PERSONAS = {
    "ana": Persona("111.444.777-35", "Ana Souza", servidor=False),
    "bruno": Persona("529.982.247-25", "Bruno Lima", servidor=False),
    "carla": Persona("246.813.579-28", "Carla Dias", servidor=False),
    "diego": Persona("135.792.468-28", "Diego Alves", servidor=False),
    "elisa": Persona("314.159.265-90", "Elisa Rocha", servidor=True),
    "fabio": Persona("271.828.182-05", "Fábio Nunes", servidor=True),
    "gabriela": Persona("161.803.398-05", "Gabriela Melo", servidor=True),
    "heitor": Persona("141.421.356-51", "Heitor Ramos", servidor=True),
    "iara": Persona("173.205.080-52", "Iara Costa", servidor=True),
    "joao": Persona("223.606.797-67", "João Pires", servidor=True),
    "karina": Persona("300.000.001-16", "Karina Prado", servidor=True),
    "admin": Persona("400.000.002-05", "Admin", servidor=True),
}


def codigo_totp(segredo: str = SEGREDO_TOTP_DEMO) -> str:
    """O código do aplicativo autenticador, longe da virada da janela de 30 s: o allauth não aceita o da
    janela anterior (MFA_TOTP_TOLERANCE = 0), e um código gerado no último instante chegaria vencido."""
    totp = pyotp.TOTP(segredo)
    restante = totp.interval - time.time() % totp.interval
    if restante < 3:
        time.sleep(restante + 0.2)
    return totp.now()


def enviar_cpf_e_senha(pagina, cpf: str, senha: str) -> None:
    pagina.goto("/conta/login/")
    pagina.get_by_label("CPF").fill(cpf)
    pagina.get_by_label("Senha").fill(senha)
    pagina.get_by_role("button", name="Entrar", exact=True).click()


def enviar_codigo_totp(pagina, codigo: str) -> None:
    pagina.wait_for_url("**/conta/2fa/authenticate/")
    pagina.get_by_label("Código").fill(codigo)
    pagina.get_by_role("button", name="Entrar", exact=True).click()


def entrar(pagina, apelido: str) -> None:
    """CPF e senha e, para servidores, o código TOTP. Termina na primeira página depois da entrada."""
    persona = PERSONAS[apelido]
    enviar_cpf_e_senha(pagina, persona.cpf, SENHA_DEMO)
    if persona.servidor:
        enviar_codigo_totp(pagina, codigo_totp())
    pagina.wait_for_url(lambda url: "/conta/" not in url)


def tecla_de_acesso(pagina, tecla: str) -> None:
    """Alt+tecla, como o Chromium no Linux ativa um `accesskey`. O `keyboard.press("Alt+1")` do Playwright
    não gera o evento `char` que dispara a tecla de acesso; pelo protocolo do DevTools, sim."""
    sessao = pagina.context.new_cdp_session(pagina)
    try:
        base = {"modifiers": 1, "key": tecla, "code": f"Digit{tecla}", "windowsVirtualKeyCode": ord(tecla)}
        sessao.send("Input.dispatchKeyEvent", {**base, "type": "rawKeyDown"})
        sessao.send("Input.dispatchKeyEvent", {**base, "type": "char", "text": tecla, "unmodifiedText": tecla})
        sessao.send("Input.dispatchKeyEvent", {**base, "type": "keyUp"})
    finally:
        sessao.detach()
