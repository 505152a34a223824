"""Quem entra no portal: a pessoa (pelo CPF) e, se for servidor do INSS, as suas lotações com papel.

Os papéis do lado da entidade (atendente, gestor, cadastrador externo, consulta) vêm do vínculo da pessoa
com a entidade (`portal.entidades.Vinculo`); os do INSS, das lotações abaixo.
"""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.organizacao.models import AgenciaPrevidencia, GerenciaExecutiva, SuperintendenciaRegional
from portal.validadores import formatar_cpf, normalizar_cpf, validar_cpf


class GerenciadorDeUsuarios(BaseUserManager):
    use_in_migrations = True

    def create_user(self, cpf, nome, email, password=None, **extra):
        usuario = self.model(cpf=normalizar_cpf(cpf), nome=nome, email=self.normalize_email(email), **extra)
        usuario.set_password(password)
        usuario.save(using=self._db)
        return usuario

    def create_superuser(self, cpf, nome, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(cpf, nome, email, password, **extra)


class Usuario(AbstractBaseUser, PermissionsMixin):
    cpf = models.CharField(
        "CPF",
        max_length=11,
        unique=True,
        validators=[validar_cpf],
        help_text="Somente os 11 dígitos.",
        error_messages={"unique": "Já existe uma pessoa cadastrada com este CPF."},
    )
    nome = models.CharField(max_length=150)
    email = models.EmailField("e-mail")
    telefone = models.CharField(max_length=20, blank=True)
    is_active = models.BooleanField("ativo", default=True)
    is_staff = models.BooleanField("acessa a administração", default=False)
    date_joined = models.DateTimeField("cadastrado em", default=timezone.now)

    objects = GerenciadorDeUsuarios()

    USERNAME_FIELD = "cpf"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["nome", "email"]

    class Meta:
        verbose_name = "pessoa"
        verbose_name_plural = "pessoas"
        constraints = [
            models.CheckConstraint(condition=Q(cpf__regex=r"^[0-9]{11}$"), name="usuario_cpf_11_digitos"),
        ]

    def __str__(self):
        return f"{self.nome} ({self.cpf_formatado})"

    @property
    def cpf_formatado(self) -> str:
        return formatar_cpf(self.cpf)

    @property
    def primeiro_nome(self) -> str:
        return self.nome.split(" ", 1)[0]


def nome_de_exibicao(usuario) -> str:
    return usuario.nome


class PapelINSS(models.TextChoices):
    TECNICO_SUPORTE = "tecnico_suporte", "Técnico(a) de suporte"
    ANALISTA = "analista", "Analista"
    SERVIDOR_APS = "servidor_aps", "Servidor(a) de APS"
    OPERADOR_135 = "operador_135", "Operador(a) da Central 135"
    SUPERVISOR = "supervisor", "Supervisor(a) SERAT/SEAT"
    GESTOR_REGIONAL = "gestor_regional", "Gestor(a) regional"


class Lotacao(models.Model):
    """Onde um servidor atua e com que papel. O escopo é a APS, se houver; senão a GEX; senão a SR;
    sem SR (só a Central 135), o país inteiro."""

    usuario = models.ForeignKey(Usuario, on_delete=models.CASCADE, related_name="lotacoes")
    papel = models.CharField(max_length=20, choices=PapelINSS.choices)
    sr = models.ForeignKey(
        SuperintendenciaRegional, on_delete=models.PROTECT, null=True, blank=True, related_name="lotacoes"
    )
    gex = models.ForeignKey(
        GerenciaExecutiva, on_delete=models.PROTECT, null=True, blank=True, related_name="lotacoes"
    )
    aps = models.ForeignKey(
        AgenciaPrevidencia, on_delete=models.PROTECT, null=True, blank=True, related_name="lotacoes"
    )
    ativa = models.BooleanField(default=True)
    criada_em = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "lotação"
        verbose_name_plural = "lotações"
        constraints = [
            models.UniqueConstraint(fields=["usuario", "papel", "sr", "gex", "aps"], name="lotacao_unica"),
            models.CheckConstraint(
                condition=Q(sr__isnull=False) | Q(papel="operador_135"),
                name="lotacao_sr_obrigatoria_fora_da_central_135",
            ),
            models.CheckConstraint(
                condition=Q(aps__isnull=True) | Q(gex__isnull=False), name="lotacao_aps_exige_gex"
            ),
        ]

    def __str__(self):
        return f"{self.get_papel_display()} — {self.local}"

    @property
    def local(self) -> str:
        if self.aps_id:
            return str(self.aps)
        if self.gex_id:
            return str(self.gex)
        if self.sr_id:
            return str(self.sr)
        return "Nacional"
