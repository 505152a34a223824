from django.core.management.base import BaseCommand

from portal.demo import (
    SENHA_DEMO,
    semear_atesp_de_demo,
    semear_chamados_de_demo,
    semear_demo,
    semear_regiao_de_demo,
)


class Command(BaseCommand):
    help = "Cria (ou completa) os dados de demonstração do Portal ACT. Pode rodar quantas vezes quiser."

    def handle(self, *args, **options):
        criados = semear_demo()
        criados["chamados"] = semear_chamados_de_demo()
        criados["prefeituras da Sudeste I"] = semear_regiao_de_demo()
        criados["ativações do ATESP"] = semear_atesp_de_demo()
        resumo = ", ".join(f"{quantidade} {nome}" for nome, quantidade in criados.items())
        self.stdout.write(self.style.SUCCESS(f"Dados de demonstração prontos ({resumo} novos)."))
        self.stdout.write(f"Senha de todas as pessoas de demonstração: {SENHA_DEMO}")
