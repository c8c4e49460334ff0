"""The Portuguese demo project: a fictional municipality's service for licensing café and restaurant terraces.

Written in European Portuguese as a câmara municipal writes, with the terms of
locale/GLOSSARY.md. It shows what the English demo does not: a service for
businesses rather than residents, joined to the national one-stop shop
(Balcão do Empreendedor, on ePortugal) through the public administration's
interoperability platform (iAP), with sign-in and proof of who may act for a
company from Autenticação.gov and the commercial register read instead of a
certificate. The checklist is answered in full, including a "No" with its
actions, so the project is ready for review: people can submit it and approve
it as the demo sponsor. The municipality, its people, regulations and figures
are invented; the national platforms and bodies are named as the context of
such a service, and their contacts are invented too.
"""

from datetime import date

from stage1.demo.content import ChecklistAnswers, DemoContent
from stage1.evaluation.models import Choice

TITLE = "Licenciamento de esplanadas"
ORGANISATION = "Município de Vila Nova de Lorem, Divisão de Licenciamento e Espaço Público"
DESCRIPTION = (
    "Passar os pedidos de esplanada do papel e do correio eletrónico para um serviço online ligado ao Balcão do Empreendedor, "
    "que lê os dados da empresa no registo comercial e verifica o corredor livre para peões, mantendo o atendimento presencial."
)

# The step's own answers, by step slug. The team lead and the sponsor are set from LEAD and SPONSOR.
STEP_ANSWERS = {
    "need": {
        "problem": "Para instalar uma esplanada no espaço público, os proprietários de cafés e restaurantes fazem uma mera comunicação "
        "prévia no Balcão do Empreendedor ou, quando a esplanada não cumpre os critérios do regulamento, entregam um pedido de "
        "licença em papel, com planta, fotografias e certidão do registo comercial que o Município poderia consultar. Os técnicos "
        "voltam a escrever cada pedido no sistema de gestão processual; a decisão demora em média 25 dias úteis e 38% dos pedidos "
        "são devolvidos por estarem incompletos.",
        "affected": "Estabelecimentos de restauração e bebidas com esplanada, sobretudo no centro histórico; moradores e peões das "
        "ruas com esplanadas; técnicos da Divisão de Licenciamento e Espaço Público e agentes da Polícia Municipal.",
        "affected_count": "Cerca de 510 esplanadas licenciadas ou renovadas por ano",
        "evidence": "212 reclamações de moradores sobre esplanadas que impedem a passagem em 2026; 1 870 chamadas por ano sobre o "
        "estado dos pedidos; relatório de auditoria interna AI-2026/04 sobre a cobrança das taxas de ocupação; 14 entrevistas e um "
        "inquérito a 312 titulares de esplanadas no início de 2027.",
        "current_workarounds": "Os proprietários deslocam-se ao Balcão Único de Atendimento (espera média de 38 minutos), pagam a um "
        "desenhador para fazer a planta ou montam a esplanada antes da decisão, arriscando uma coima. Muitos pedem ao contabilista "
        "que trate de tudo.",
        "overlapping_services": "O Balcão do Empreendedor já recebe a mera comunicação prévia, mas não calcula a taxa municipal nem "
        "verifica o corredor livre para peões; a publicidade no espaço público tem um pedido à parte.",
        "policy_intent": "Plano Estratégico para o Centro Histórico 2025–2030: comércio local com vida na rua, sem tirar aos peões, "
        "em especial às pessoas com mobilidade condicionada, o espaço de que precisam.",
        "legal_basis": "Decreto-Lei n.º 48/2011 (Licenciamento Zero), na redação em vigor; Regulamento Municipal de Ocupação do "
        "Espaço Público de Vila Nova de Lorem (Regulamento n.º 512/2019), artigos 14.º a 22.º; Regulamento de Taxas Municipais, "
        "tabela III.",
        "constraints": "Orçamento de 185 000 euros para 2027; o atendimento presencial mantém-se; as renovações para a época de 2028 "
        "abrem em janeiro; o contrato de manutenção do sistema de gestão processual termina em junho de 2028.",
        "cost_of_doing_nothing": "Cerca de 140 000 euros por ano em tempo dos técnicos, deslocações e taxas por cobrar, reclamações de "
        "moradores que continuam e esplanadas montadas sem título.",
        "requested_by": "Vereadora do Espaço Público e Atividades Económicas (deliberação da Câmara Municipal n.º 41/2026)",
    },
    "objective": {
        "vision": "Os donos de cafés e restaurantes tratam da esplanada online em 15 minutos, sem entregar documentos que a "
        "Administração Pública já tem.",
        "strategic_objectives": "1. Pelo menos 80% dos pedidos feitos online até março de 2028. 2. Nenhuma certidão do registo "
        "comercial pedida ao requerente. 3. Uma decisão em 5 dias úteis em vez de 25. 4. O corredor livre para peões verificado "
        "em cada pedido, antes da decisão.",
        "strategy_alignment": "Estratégia nacional de transformação digital da Administração Pública (princípio «só uma vez», "
        "digital por defeito com atendimento assistido); Agenda Digital de Vila Nova de Lorem 2026, eixo 1 «Serviços sem papel».",
        "first_results": "Até julho de 2027, as esplanadas do centro histórico (cerca de 140) renovam online numa beta privada. De "
        "duas em duas semanas comparamos a taxa de conclusão, o tempo até à decisão e as chamadas por pedido com o percurso em papel.",
        "concept_name": "Pedir ou renovar a licença de esplanada",
        "concept_offer": "Pedir, renovar, alterar ou cancelar a ocupação do espaço público com esplanada. O Município lê os dados da "
        "empresa no registo comercial, o requerente desenha a esplanada no mapa, o serviço verifica o corredor livre e calcula a "
        "taxa, e o título fica visível para a Polícia Municipal.",
        "concept_users": "Proprietários e gerentes de estabelecimentos de restauração e bebidas, contabilistas e solicitadores que "
        "tratam do pedido por eles, técnicos da Divisão de Licenciamento e agentes da Polícia Municipal.",
        "concept_channels": "Portal do Município, Balcão do Empreendedor (ePortugal), Balcão Único de Atendimento, telefone",
        "decision": "go",
        "decided_by": "Comité de direção presidido pela Vereadora do Espaço Público e Atividades Económicas",
        "decided_on": date(2027, 1, 26),
    },
    "plan": {
        "phases": "Descoberta (janeiro–fevereiro de 2027), alfa (março–maio), beta privada no centro histórico (junho–setembro), "
        "beta pública em todo o concelho (outubro–dezembro), em produção a partir de fevereiro de 2028, antes da época das esplanadas.",
        "building_blocks": "Autenticação.gov (Cartão de Cidadão, Chave Móvel Digital e atributos profissionais do SCAP); Plataforma "
        "de Interoperabilidade da Administração Pública (iAP); Balcão do Empreendedor; SIG municipal; sistema de receita municipal; "
        "sistema de design e serviço de notificações do Município.",
        "funding_source": "Orçamento municipal de 2027, rubrica 02.02.20 «Serviços digitais» (125 000 euros); candidatura ao SAMA "
        "n.º LOREM-2027-015 (60 000 euros).",
    },
    "stakeholders": {
        "engagement_approach": "O comité de direção reúne uma vez por mês e toma as decisões da matriz RACI. As revisões de sprint, de "
        "duas em duas semanas, estão abertas a todas as partes interessadas. A Associação Comercial organiza um painel de "
        "utilizadores a cada seis semanas; a AMA e o IRN reúnem connosco uma vez por trimestre. Cada parte interessada tem um ponto "
        "de contacto designado.",
    },
    "team": {
        "governance": "A responsável pelo serviço responde por ele e decide o âmbito e o orçamento dentro do plano aprovado; o "
        "responsável pelo produto decide as prioridades do backlog. Despesas acima de 20 000 euros, alterações ao regulamento ou às "
        "datas de entrada em produção vão ao comité de direção, que as leva à Vereadora.",
        "meeting_rhythm": "Reunião diária da equipa; revisão de sprint de duas em duas semanas; comité de direção mensal",
    },
    "interoperability": {
        "approach": "Só uma vez: o serviço lê os dados da empresa no registo comercial e a identidade e a qualidade de gerente na "
        "Autenticação.gov, em vez de pedir certidões. As consultas passam pela iAP, só no pedido e na renovação, ficam registadas e "
        "devolvem apenas os campos previstos na avaliação de impacto sobre a proteção de dados. Reutilizamos o Balcão do "
        "Empreendedor, o SIG e o sistema de receita do Município e publicamos as esplanadas licenciadas como dados abertos.",
    },
    "user-paths": {
        "involvement": "Um painel permanente de 20 proprietários e 5 contabilistas, recrutados com a Associação Comercial; uma ronda "
        "de pesquisa por sprint na alfa e na beta; testes com utilizadores de leitor de ecrã e de ampliação antes de cada revisão; "
        "os técnicos e os agentes da Polícia Municipal testam o back office em cada sprint.",
    },
}

# fmt: off
INDICATORS = [
    ("Pedidos de esplanada feitos online", "22% (só meras comunicações prévias no Balcão do Empreendedor)", "80%", date(2028, 3, 31)),
    ("Tempo médio entre o pedido e a decisão", "25 dias úteis", "5 dias úteis", date(2028, 3, 31)),
    ("Pedidos devolvidos por estarem incompletos", "38%", "Menos de 5%", date(2028, 3, 31)),
    ("Reclamações de moradores sobre esplanadas que impedem a passagem", "212 por ano", "Menos de 80 por ano", date(2028, 12, 31)),
]
STAKEHOLDERS = [  # key, then STAKEHOLDER_FIELDS
    ("vereadora", "Vereadora do Espaço Público e Atividades Económicas", "Câmara Municipal de Vila Nova de Lorem", "political",
     "high", "high", "Patrocinadora: preside ao comité de direção, aprova o orçamento e cada entrada em produção.",
     "Teresa Moura, chefe de gabinete, gabinete.vereacao@cm-vnlorem.example", "Comité de direção mensal",
     "Patrocinadora designada na deliberação n.º 41/2026"),
    ("dlep", "Divisão de Licenciamento e Espaço Público", "Câmara Municipal de Vila Nova de Lorem", "public_body", "high", "high",
     "Responde pelo processo de licenciamento e pelo serviço; disponibiliza a responsável pelo serviço, a analista e os técnicos.",
     "Chefe de divisão, licenciamento@cm-vnlorem.example", "Diariamente: técnicos na equipa",
     "Técnicos afetos no plano de atividades de 2027"),
    ("dsi", "Divisão de Sistemas de Informação", "Câmara Municipal de Vila Nova de Lorem", "public_body", "high", "medium",
     "Disponibiliza o responsável pelo produto, a gestão de entrega, a pesquisa, o design e o desenvolvimento; aloja o serviço.",
     "Chefe de divisão, dsi@cm-vnlorem.example", "Revisão de sprint de duas em duas semanas",
     "Acordo de alojamento assinado a 14 de janeiro de 2027"),
    ("policia", "Polícia Municipal de Vila Nova de Lorem", "Câmara Municipal de Vila Nova de Lorem", "public_body", "medium", "medium",
     "Fiscaliza as esplanadas na rua; precisa de ver o título, a planta e o horário de cada esplanada no telemóvel.",
     "Comandante, policia.municipal@cm-vnlorem.example", "Reunião mensal durante a alfa e a beta",
     "Acordo interno de 3 de fevereiro de 2027"),
    ("ama", "Agência para a Modernização Administrativa (AMA)", "Administração central", "public_body", "medium", "high",
     "Gere o Balcão do Empreendedor, a iAP e a Autenticação.gov; aprova a adesão do Município e os serviços a integrar.",
     "Equipa de integração, integracao@ama.example", "Reunião trimestral de acompanhamento", "Protocolo de adesão à iAP em preparação"),
    ("irn", "Instituto dos Registos e do Notariado (IRN)", "Administração central", "public_body", "low", "high",
     "Mantém o registo comercial; autoriza a consulta da certidão permanente através da iAP.",
     "Serviço de acesso a dados, acesso.dados@irn.example", "Reunião trimestral de acompanhamento",
     "Pedido de acesso entregue, sem resposta"),
    ("epd", "Encarregado de proteção de dados do Município", "Câmara Municipal de Vila Nova de Lorem", "dpo", "medium", "high",
     "Aconselha sobre a avaliação de impacto, a base legal das consultas e a conservação dos dados.",
     "Rita Baptista, epd@cm-vnlorem.example", "Parecer em cada revisão", "Parecer sobre a AIPD marcado para 17 de março de 2027"),
    ("cnpd", "Comissão Nacional de Proteção de Dados (CNPD)", "Autoridade de controlo", "regulator", "low", "high",
     "Autoridade de controlo; consulta prévia apenas se a avaliação de impacto mostrar um risco residual elevado.",
     "Através do encarregado de proteção de dados", "Só se for necessário", "Nenhum até agora"),
    ("comerciantes", "Associação Comercial e Empresarial de Vila Nova de Lorem", "Associação Comercial e Empresarial de Vila Nova de Lorem",
     "user_rep", "high", "medium",
     "Representa os estabelecimentos de restauração e bebidas; recruta proprietários para a pesquisa e os testes.",
     "Paulo Rebelo, secretário-geral, geral@acevnlorem.example", "Painel de utilizadores a cada seis semanas",
     "Protocolo de colaboração assinado a 9 de fevereiro de 2027"),
    ("moradores", "Associação de Moradores do Centro Histórico", "Associação de Moradores do Centro Histórico", "other", "medium", "low",
     "Preocupada com o ruído e com os passeios ocupados; pede que o corredor livre seja verificado antes de cada decisão.",
     "Direção, moradores.centro@vnlorem.example", "Informada antes de cada fase e no painel de moradores", "Nenhum"),
    ("fornecedor", "Lorem Software, Lda.", "Lorem Software, Lda.", "supplier", "medium", "medium",
     "Fornece o sistema de gestão processual, que tem de receber os pedidos do novo serviço.",
     "Gestor de cliente, municipios@loremsoftware.example", "Reunião quinzenal durante a alfa e a beta",
     "Alteração ao contrato AC-07 em curso"),
]
DECISIONS = [  # key, decision, needed by, RACI (stakeholder key: letter)
    ("aipd", "Aprovar a avaliação de impacto sobre a proteção de dados e as consultas ao registo comercial que ela abrange",
     date(2027, 3, 31), {"dlep": "A", "dsi": "R", "epd": "C", "comerciantes": "C", "vereadora": "I"}),
    ("criterios", "Aprovar os critérios verificados pelo serviço: corredor livre de 1,50 m, área máxima e horário",
     date(2027, 4, 30), {"dlep": "A", "dsi": "R", "policia": "C", "moradores": "C", "comerciantes": "C", "vereadora": "I"}),
    ("beta", "Aprovar a abertura do serviço a todos os estabelecimentos do concelho", date(2027, 9, 30),
     {"vereadora": "A", "dlep": "R", "comerciantes": "C", "epd": "C", "moradores": "I", "policia": "I", "ama": "I"}),
]
START, END = date(2027, 1, 11), date(2028, 3, 31)
TEAM = [  # key, then TEAM_FIELDS with the organisation as a stakeholder key
    ("ines", "Inês Carvalho", "dlep", "service_owner", "Licenciamento, espaço público, gestão orçamental", 40, START, END,
     "Âmbito e orçamento dentro do plano aprovado; leva ao comité de direção o que o excede"),
    ("rui", "Rui Tavares", "dsi", "product_owner", "Desenvolvimento ágil, design de serviços", 100, START, END,
     "Prioridades do backlog e conteúdo de cada versão"),
    ("joana", "Joana Martins", "dsi", "delivery_manager", "Scrum, gestão de risco, gestão de fornecedores", 70, START, END,
     "Planos de sprint e forma de trabalhar da equipa"),
    ("tiago", "Tiago Sousa", "dsi", "user_researcher", "Entrevistas, testes de usabilidade e de acessibilidade", 50, START, END,
     "Plano de pesquisa e quem nela participa"),
    ("beatriz", "Beatriz Lopes", "dsi", "designer", "Design de interação e de conteúdos, mapas", 80, date(2027, 2, 1), END,
     "Escolhas de design dentro do sistema de design do Município"),
    ("andre", "André Figueiredo", "dsi", "developer", "Python, Django, SIG, integração com a iAP", 100, date(2027, 3, 1), END,
     "Desenho técnico dentro das regras de arquitetura do Município"),
    ("catarina", "Catarina Nunes", "dlep", "business_analyst", "Regulamento de ocupação, taxas, gestão processual", 60, START, END,
     "Regras de negócio, com a responsável pelo serviço"),
    ("miguel", "Miguel Antunes", "dlep", "legal_policy", "Direito administrativo e proteção de dados", 20, START, date(2027, 10, 31),
     "Pareceres jurídicos; redige os protocolos"),
]
MILESTONES = [  # key, name, description, owner (team member or stakeholder key), target date, deliverable, depends on, review gate
    ("descoberta", "Descoberta concluída",
     "Pesquisa com proprietários, contabilistas e técnicos; mapear o processo atual e os seus custos.",
     "tiago", date(2027, 2, 26), "Relatório de descoberta e necessidades dos utilizadores", (), True),
    ("aipd", "Avaliação de impacto aprovada", "Avaliar as consultas ao registo comercial, a conservação dos dados e o acesso dos técnicos.",
     "miguel", date(2027, 3, 31), "Avaliação de impacto sobre a proteção de dados assinada", ("descoberta",), False),
    ("criterios", "Critérios de verificação aprovados", "Traduzir o regulamento em regras que o serviço verifica no mapa.",
     "catarina", date(2027, 4, 30), "Regras de verificação aprovadas pela Divisão de Licenciamento", ("descoberta",), False),
    ("iap", "Adesão à iAP e ao Balcão do Empreendedor", "Ligar o serviço à iAP para o registo comercial e receber os pedidos do Balcão.",
     "ama", date(2027, 5, 14), "Protocolo de adesão assinado e serviços de teste ligados", ("aipd",), False),
    ("alfa", "Alfa testada", "Protótipo da renovação e do primeiro pedido com desenho no mapa; testar com 25 proprietários.",
     "rui", date(2027, 5, 28), "Protótipo testado e relatório da avaliação da alfa", ("descoberta",), True),
    ("beta-privada", "Beta privada no centro histórico", "Renovações das cerca de 140 esplanadas do centro histórico online.",
     "joana", date(2027, 7, 1), "Serviço a funcionar e relatório de desempenho da beta", ("iap", "alfa", "criterios"), True),
    ("beta-publica", "Beta pública em todo o concelho", "Primeiros pedidos e renovações em todo o concelho; processos antigos migrados.",
     "rui", date(2027, 10, 15), "Serviço aberto a todos os estabelecimentos", ("beta-privada",), True),
    ("producao", "Em produção, pedidos em papel descontinuados", "Avaliação do serviço aprovada antes da época de 2028; o atendimento "
     "presencial continua.", "ines", date(2028, 2, 1), "Relatório da avaliação do serviço em produção", ("beta-publica",), True),
]
INTEROP = [  # INTEROP_FIELDS, with the partner as a stakeholder key and the owner as a team member key
    ("ama", "Balcão do Empreendedor (ePortugal)", "Meras comunicações prévias e pedidos de ocupação do espaço público; estado do pedido",
     "both", "Receber os pedidos feitos no Balcão do Empreendedor e devolver-lhe o estado e a decisão",
     "Decreto-Lei n.º 48/2011, na redação em vigor; Regulamento n.º 512/2019, art. 15.º", "organisational",
     "Serviços web do Balcão do Empreendedor através da iAP", "Balcão do Empreendedor", "in_progress", "joana"),
    ("irn", "Certidão permanente do registo comercial, através da iAP", "NIPC, firma, sede, CAE, gerentes e forma de obrigar a sociedade",
     "in", "Confirmar que a empresa existe, tem a atividade de restauração e que quem pede a pode obrigar, sem pedir certidão",
     "RGPD, art. 6.º, n.º 1, alínea e); Regulamento n.º 512/2019, art. 16.º", "legal",
     "Serviço SOAP da iAP; identificadores NIPC", "Registo comercial (registo de base)", "to_start", "miguel"),
    ("ama", "Autenticação.gov e SCAP", "Nome, NIF e atributo profissional de gerente ou de contabilista certificado",
     "in", "Identificar o requerente e provar que age em nome da empresa ou do cliente",
     "Regulamento eIDAS; Regulamento n.º 512/2019, art. 16.º", "technical",
     "SAML 2.0 (Autenticação.gov); atributos profissionais do SCAP", "Autenticação.gov", "signed", "andre"),
    ("policia", "Aplicação de fiscalização da Polícia Municipal", "Títulos válidos: morada, planta da esplanada, área, horário e validade",
     "out", "Permitir aos agentes verificar na rua se a esplanada corresponde ao título",
     "Regulamento n.º 512/2019, art. 21.º", "technical",
     "API de títulos (OpenAPI 3.0), atualizada de 10 em 10 minutos", "Plataforma de integração do Município", "signed", "andre"),
    ("dsi", "SIG municipal e sistema de receita", "Eixos de via, largura dos passeios, zonas do regulamento; taxas e pagamentos",
     "both", "Verificar o corredor livre no mapa, calcular a taxa de ocupação e emitir a referência de pagamento",
     "Regulamento de Taxas Municipais, tabela III", "semantic",
     "Códigos de arruamento do Município; WFS do SIG; referências Multibanco", "SIG municipal", "not_needed", "catarina"),
]
USER_GROUPS = [  # key, then USER_GROUP_FIELDS
    ("renovam", "Proprietários que renovam a esplanada", False, "Cerca de 420 renovações por ano",
     "Como dono de um café, preciso de renovar a esplanada antes da época sem voltar a entregar documentos, para não a ter de "
     "retirar nem pagar uma coima.",
     "Muitos tratam do pedido no telemóvel, entre dois serviços; alguns têm pouca prática com serviços online.", "low"),
    ("novos", "Novos estabelecimentos que pedem a primeira esplanada", False, "Cerca de 90 pedidos por ano",
     "Como quem abre um restaurante, preciso de saber onde e com que dimensão posso pôr a esplanada antes de comprar o mobiliário.",
     "Alguns proprietários são estrangeiros e leem mal português: linguagem clara e uma versão em inglês.", "medium"),
    ("contabilistas", "Contabilistas e solicitadores que tratam do pedido pelo cliente", False, "Cerca de 60 profissionais",
     "Como contabilista, preciso de submeter pedidos em nome de vários clientes com a minha própria autenticação, para não "
     "depender das senhas deles.",
     "Trabalham ao computador; precisam que o atributo profissional ou a procuração sejam reconhecidos.", "low"),
    ("tecnicos", "Técnicos de licenciamento e agentes da Polícia Municipal", True, "6 técnicos e 18 agentes",
     "Como técnica de licenciamento, preciso de ver o pedido, a planta e as verificações no mesmo ecrã, para decidir sem pedir "
     "mais documentos.",
     "Um técnico usa leitor de ecrã; os agentes consultam no telemóvel, na rua e ao sol.", "low"),
]
RESEARCH = [
    ("Observação no Balcão Único de Atendimento e na Divisão de Licenciamento", date(2027, 2, 2), 7,
     "Cada pedido em papel ocupa 40 minutos de um técnico, sobretudo a copiar dados da certidão e a medir plantas; um terço das "
     "chamadas pergunta pelo estado do pedido."),
    ("Entrevistas a donos de cafés e restaurantes, no estabelecimento", date(2027, 2, 9), 14,
     "Não sabem que largura de passeio têm de deixar livre; a planta é o passo mais difícil; querem renovar sem repetir tudo."),
    ("Inquérito online aos titulares de esplanadas, divulgado pela Associação Comercial", date(2027, 2, 18), 312,
     "79% prefeririam tratar da esplanada online; 71% usam a Chave Móvel Digital; 34% entregam o pedido ao contabilista."),
]
PATHS = [  # user group key, goal, journey steps (what happens, channel, pain point)
    ("renovam", "Renovar a esplanada antes da época", [
        ("Recebe um aviso de renovação por correio eletrónico oito semanas antes do fim do título", "online",
         "Hoje o aviso não existe; 15% das renovações chegam depois do fim do título"),
        ("Inicia sessão no portal do Município com a Chave Móvel Digital", "online",
         "Alguns proprietários não ativaram a Chave Móvel Digital e desistem aqui"),
        ("Confirma a empresa e o estabelecimento que o Município leu no registo comercial", "online",
         "Quando a sociedade mudou de gerentes, o registo pode ainda não estar atualizado"),
        ("Confirma que a esplanada se mantém igual à do ano anterior", "online",
         "Quem muda uma mesa de sítio não sabe se isso é uma alteração"),
        ("Paga a taxa com a referência Multibanco", "online", "A taxa só aparece depois de submeter, o que surpreende"),
        ("Recebe o título por correio eletrónico", "online", "Alguns imprimem-no para mostrar à Polícia Municipal"),
    ]),
    ("novos", "Instalar a primeira esplanada do restaurante", [
        ("Procura no portal se a rua permite esplanadas", "online", "O regulamento é um PDF de 40 páginas"),
        ("Desenha a esplanada no mapa, com mesas, guarda-ventos e toldo", "online",
         "Não sabe medir o passeio; o mapa não mostra a largura"),
        ("O serviço avisa que o corredor livre fica abaixo de 1,50 m", "online", "Não diz quanto tem de reduzir"),
        ("Marca um atendimento para esclarecer a planta", "in_person", "Só há vagas duas semanas depois"),
        ("Submete o pedido com a planta corrigida", "online", "Não sabe quanto tempo falta para a decisão"),
        ("Recebe a decisão e o título", "online", "O título não diz a partir de quando pode montar a esplanada"),
    ]),
    ("contabilistas", "Tratar da esplanada de um cliente", [
        ("Inicia sessão com o Cartão de Cidadão e o atributo de contabilista certificado", "online",
         "O leitor de cartões falha em alguns computadores"),
        ("Escolhe o cliente pelo NIPC", "online", "Sem procuração registada, o serviço não sabe que pode agir pelo cliente"),
        ("Carrega a procuração digitalizada", "online", "Cada pedido obriga a carregar a procuração outra vez"),
        ("Submete o pedido de renovação do cliente", "online", "Não há forma de tratar de vários clientes de uma vez"),
        ("Telefona para saber o estado do pedido", "phone", "Chamada evitável: o estado não aparece online"),
    ]),
]

# The checklist, answered in full while the project is filled in.
CHECKLIST_ANSWERS = {
    ("need", 1): (Choice.YES, "O problema foi reescrito duas vezes com a Associação Comercial; não descreve nenhuma tecnologia."),
    ("need", 2): (Choice.YES, "212 reclamações em 2026, 1 870 chamadas por ano, relatório de auditoria AI-2026/04, 14 entrevistas."),
    ("need", 3): (Choice.YES, "Observação no Balcão Único de Atendimento; inquérito a 312 titulares de esplanadas."),
    ("need", 4): (Choice.PARTLY, "O Balcão do Empreendedor cobre a mera comunicação prévia; falta rever o pedido de publicidade."),
    ("need", 5): (Choice.YES, "Decreto-Lei n.º 48/2011 e Regulamento n.º 512/2019, confirmados pelo gabinete jurídico."),
    ("objective", 1): (Choice.YES, "Visão aprovada no comité de direção de 26 de janeiro de 2027."),
    ("objective", 2): (Choice.YES, "Quatro indicadores, cada um com valor de partida, meta e data."),
    ("objective", 3): (Choice.YES, "Alinhados com a estratégia nacional de transformação digital e a Agenda Digital do Município."),
    ("objective", 4): (Choice.YES, "Beta privada no centro histórico até julho de 2027."),
    ("objective", 5): (Choice.YES, "Decisão de avançar do comité de direção, registada em ata a 26 de janeiro de 2027."),
    ("plan", 1): (Choice.YES, "Oito marcos por ordem, cada um com o seu resultado."),
    ("plan", 2): (Choice.YES, "Cada marco tem um responsável e uma data."),
    ("plan", 3): (Choice.YES, "Cinco revisões, presididas pela Vereadora."),
    ("plan", 4): (Choice.YES, "Reutilizamos a Autenticação.gov, a iAP, o Balcão do Empreendedor e o SIG municipal."),
    ("stakeholders", 1): (Choice.YES, "Onze partes interessadas, com a autoridade de controlo, o fornecedor e a Associação Comercial."),
    ("stakeholders", 2): (Choice.YES, "Cada uma tem um ponto de contacto designado."),
    ("stakeholders", 3): (Choice.NO, "Nenhum compromisso escrito com a AMA nem com o IRN; só há acordos internos e com a Associação."),
    ("stakeholders", 4): (Choice.YES, "Matriz RACI acordada para as três decisões-chave, com um único A em cada uma."),
    ("stakeholders", 5): (Choice.YES, "O encarregado de proteção de dados participou no primeiro comité de direção."),
    ("team", 1): (Choice.YES, "Inês Carvalho, responsável pelo serviço, com autoridade sobre o âmbito e o orçamento."),
    ("team", 2): (Choice.PARTLY, "Um só programador; a integração com o sistema de gestão processual depende do fornecedor."),
    ("team", 3): (Choice.YES, "Afetação acordada com a Divisão de Sistemas de Informação e a Divisão de Licenciamento."),
    ("team", 4): (Choice.YES, "Reunião diária, revisão de sprint quinzenal, comité de direção mensal."),
    ("interoperability", 1): (Choice.YES, "Cinco trocas de dados, cada uma com sentido e finalidade."),
    ("interoperability", 2): (Choice.YES, "Cada troca indica a sua base legal; revistas pelo encarregado de proteção de dados."),
    ("interoperability", 3): (Choice.YES, "Camadas jurídica, organizacional, semântica e técnica descritas para as cinco trocas."),
    ("interoperability", 4): (Choice.YES, "O registo comercial é consultado através da iAP em vez de se pedir a certidão."),
    ("interoperability", 5): (Choice.PARTLY, "Acordos identificados para cada troca; o acesso ao registo comercial ainda não foi pedido."),
    ("user-paths", 1): (Choice.YES, "Quatro grupos de utilizadores, incluindo técnicos e agentes da Polícia Municipal."),
    ("user-paths", 2): (Choice.YES, "Três atividades de pesquisa com 21 pessoas e um inquérito a 312."),
    ("user-paths", 3): (Choice.YES, "Conhecidas para cada grupo, incluindo o técnico que usa leitor de ecrã."),
    ("user-paths", 4): (Choice.PARTLY, "Percursos dos proprietários e dos contabilistas; falta o dos técnicos e dos agentes."),
}
# The action plan: what the team will do about each "No" or "Partly", by team member key and due date.
ACTIONS = {
    ("need", 4): [("Rever com a Divisão de Licenciamento se o pedido de publicidade entra no mesmo serviço", "ines", date(2027, 3, 31))],
    ("stakeholders", 3): [
        ("Assinar o protocolo de adesão à iAP e ao Balcão do Empreendedor com a AMA", "ines", date(2027, 4, 30)),
        ("Enviar à AMA a minuta do protocolo de adesão", "joana", date(2027, 2, 19)),
        ("Pedir ao IRN o acesso à certidão permanente através da iAP", "miguel", date(2027, 3, 15)),
    ],
    ("interoperability", 5): [("Acordar com o IRN o nível de serviço da consulta ao registo comercial", "joana", date(2027, 5, 14))],
    ("user-paths", 4): [("Mapear o percurso dos técnicos e dos agentes com dois de cada", "tiago", date(2027, 3, 31))],
}
# Actions already done, by the same key as ACTIONS and their position there.
DONE = {("stakeholders", 3, 1): date(2027, 2, 17)}
# A gap the team decided not to act on, with who accepted it.
ACCEPTED_RISKS = {
    ("team", 2): (
        "A integração com o sistema de gestão processual está incluída no contrato de manutenção com a Lorem Software, Lda.",
        "Inês Carvalho, responsável pelo serviço",
    ),
}
# fmt: on

DEMO = DemoContent(
    language="pt",
    title=TITLE,
    organisation=ORGANISATION,
    description=DESCRIPTION,
    sponsor="vereadora",
    lead="ines",
    step_answers=STEP_ANSWERS,
    indicators=INDICATORS,
    stakeholders=STAKEHOLDERS,
    decisions=DECISIONS,
    team=TEAM,
    milestones=MILESTONES,
    interop=INTEROP,
    user_groups=USER_GROUPS,
    research=RESEARCH,
    paths=PATHS,
    checklist=ChecklistAnswers(CHECKLIST_ANSWERS, ACTIONS, DONE, ACCEPTED_RISKS),
)
