"""The English demo project: a fictional city's residents' parking permit service.

Every step is answered and every list has a few rows, so the task list, check
your answers and the charter can be tried on something that looks real. The
city, agencies, people, decrees and figures are invented. A few questions of
the checklist are answered last, just before the review story
(stage1.demo.review): version 1.0 approved by the sponsor, then Draft 1.1.
"""

from datetime import date

from stage1.demo.content import ChecklistAnswers, DemoContent, ReviewStory
from stage1.evaluation.models import Choice

TITLE = "Apply for a residents' parking permit"
ORGANISATION = "City of Lorem, Mobility Department"
DESCRIPTION = (
    "Move residents' parking permits from a paper form to an online service that reads address and vehicle data from the "
    "national registers, while keeping an assisted route by phone and at the Mobility Desk."
)

# The step's own answers, by step slug. The team lead and the sponsor are set from LEAD and SPONSOR.
STEP_ANSWERS = {
    "need": {
        "problem": "Residents apply for a permit on a four-page paper form, at the Mobility Desk or by post, and must attach proof of "
        "residence and the vehicle registration certificate although the city could read both in the registers. A decision takes "
        "12 working days on average and 31% of applications come back as incomplete.",
        "affected": "Households in the 14 controlled parking zones who own, lease or regularly use a car; Mobility Desk staff.",
        "affected_count": "38,500 permits issued or renewed a year (about 31,000 households)",
        "evidence": "2,140 complaints about permits in 2026 (23% of all Mobility complaints); 41,000 calls a year to the contact centre; "
        "internal audit report AR-2026/07 on paper handling; 18 interviews and a survey of 1,240 permit holders in early 2027.",
        "current_workarounds": "Residents queue at the Mobility Desk (47 minutes on average), post the form, or pay street parking "
        "until the permit arrives, about EUR 60 a month. Some ask a relative or neighbour to fill in the form for them.",
        "overlapping_services": "The national change-of-address service already tells the city about moves; visitor vouchers are "
        "sold through a separate scratch-card scheme.",
        "policy_intent": "Urban Mobility Plan 2025–2030: fewer cars searching for parking in residential streets and fair access to "
        "kerb space for residents.",
        "legal_basis": "Municipal Parking Regulation 2019/14, articles 6 to 11 (residents' permits); Municipal Decree 2026/112 on "
        "digital municipal services (online by 1 January 2028).",
        "constraints": "Budget of EUR 570,000 for 2027; the paper route must stay open at the desk; the legacy permit database "
        "(PermitBase 4.2) is out of support from March 2028.",
        "cost_of_doing_nothing": "About EUR 610,000 a year in staff time, printing and postage, continued complaints, and a missed "
        "legal deadline under Decree 2026/112.",
        "requested_by": "Deputy Mayor for Mobility (council resolution 2026/318)",
    },
    "objective": {
        "vision": "Residents get or renew their parking permit online in ten minutes, without sending documents the city already holds.",
        "strategic_objectives": "1. At least 75% of applications online by the end of 2027. 2. No proof of residence or vehicle "
        "documents asked for when the registers hold them. 3. A decision in 2 working days instead of 12. 4. An assisted route by "
        "phone and at the desk for everyone who needs it.",
        "strategy_alignment": "National Digital Government Strategy 2025–2030 (once-only principle, digital by default with assisted "
        "digital support); City of Lorem Digital Agenda 2026, priority 2 'Services without paperwork'.",
        "first_results": "By July 2027 households in zones 3 and 7 (about 4,200) renew online in a private beta. We compare completion "
        "rate, time to decision and calls per application with the paper route, every two weeks.",
        "concept_name": "Apply for a residents' parking permit",
        "concept_offer": "Apply for, renew, change the car on or cancel a residents' permit. The city checks address and vehicle in "
        "the registers, takes payment and links a digital permit to the number plate: no windscreen sticker.",
        "concept_users": "Residents of controlled zones with a car registered at, leased to or regularly used at their address, "
        "people acting for them, and Mobility Desk staff.",
        "concept_channels": "Website, phone with assisted digital support, Mobility Desk, post",
        "decision": "go",
        "decided_by": "Steering board chaired by the Deputy Mayor for Mobility",
        "decided_on": date(2027, 1, 19),
    },
    "plan": {
        "phases": "Discovery (January–February 2027), alpha (March–May), private beta in zones 3 and 7 (June–August), public "
        "beta in all 14 zones (September–November), live from December 2027.",
        "building_blocks": "National eID (eLorem ID) for sign-in and mandates; municipal payment platform; population and vehicle "
        "register APIs; the city's integration platform, design system and notification service.",
        "funding_source": "Municipal budget 2027, line 4.2.1 'Digital services' (EUR 420,000); Digital Municipalities Fund grant "
        "DMF-2027-044 (EUR 150,000).",
    },
    "stakeholders": {
        "engagement_approach": "A monthly steering board takes the decisions in the RACI. Sprint reviews every two weeks are open to "
        "all stakeholders. The Residents' Federation hosts a user panel every six weeks; the register authorities meet us "
        "quarterly. Each stakeholder has one named contact point.",
    },
    "team": {
        "governance": "The service owner is accountable and decides scope and budget within the approved plan; the product owner "
        "decides backlog priorities. Spending over EUR 25,000, changes to the legal basis or to go-live dates go to the steering "
        "board, which escalates to the Deputy Mayor.",
        "meeting_rhythm": "Daily stand-up; sprint review every two weeks; monthly steering board",
    },
    "interoperability": {
        "approach": "Once only: the service reads address and vehicle data from the base registers instead of asking residents for "
        "documents. Queries happen only at application and renewal, are logged, and return only the fields listed in the DPIA. "
        "We reuse the city's integration and payment platforms and publish the permit data model as open data.",
    },
    "user-paths": {
        "involvement": "A standing panel of 25 residents recruited with the Residents' Federation; one research round per sprint in "
        "alpha and beta; testing with screen reader and magnifier users before each review gate; desk staff test the back "
        "office every sprint.",
    },
}

# fmt: off
INDICATORS = [
    ("Share of permit applications made online", "0% (paper only)", "75%", date(2027, 12, 31)),
    ("Average time from application to decision", "12 working days", "2 working days", date(2027, 12, 31)),
    ("Applications returned as incomplete", "31%", "Under 5%", date(2027, 12, 31)),
    ("Calls to the contact centre about permits", "41,000 a year", "Under 20,000 a year", date(2027, 12, 31)),
]
STAKEHOLDERS = [  # key, then STAKEHOLDER_FIELDS
    ("mayor", "Deputy Mayor for Mobility", "City of Lorem", "political", "high", "high",
     "Sponsor: chairs the steering board, approves the budget and each go-live.",
     "Irene Voss, chief of staff, mobility.office@lorem.example", "Monthly steering board", "Named sponsor in council resolution 2026/318"),
    ("mobility", "Mobility Department", "City of Lorem", "public_body", "high", "high",
     "Owns the permit process and the service; provides the service owner, analyst and desk staff.",
     "Head of Permits, permits@lorem.example", "Daily: staff in the team", "Staff allocated in the department plan 2027"),
    ("digital", "Digital Services Unit", "City of Lorem", "public_body", "high", "medium",
     "Provides the product owner, delivery manager, research, design and development; hosts the service.",
     "Head of Digital Services, digital@lorem.example", "Sprint review every two weeks", "Hosting SLA signed on 8 January 2027"),
    ("population", "Population Register Agency", "Ministry of the Interior", "public_body", "medium", "high",
     "Keeps the population register; grants API access to address data for municipal tasks.",
     "Register access desk, access@pra.example", "Quarterly liaison meeting", "Data access agreement being negotiated"),
    ("vehicles", "Vehicle Registration Authority", "Ministry of Transport", "public_body", "medium", "high",
     "Keeps the vehicle register; confirms keeper, plate and emission class.",
     "Data services team, data@vra.example", "Quarterly liaison meeting", "Data sharing agreement to be drafted"),
    ("dpo", "City data protection officer", "City of Lorem", "dpo", "medium", "high",
     "Advises on the DPIA, the lawful basis and retention of register data.",
     "Helena Strand, dpo@lorem.example", "Review at every review gate", "DPIA review booked for 15 March 2027"),
    ("authority", "Data Protection Authority", "Republic of Lorem", "regulator", "low", "high",
     "Supervisory authority; prior consultation only if the DPIA shows a high residual risk.",
     "Through the city data protection officer", "Only if needed", "None needed so far"),
    ("residents", "Residents' Federation of Lorem", "Residents' Federation of Lorem", "user_rep", "high", "medium",
     "Speaks for residents of the controlled zones; recruits people for research and testing.",
     "Tomas Grell, secretary, federation@residents-lorem.example", "User panel every six weeks",
     "Memorandum of understanding signed on 2 February 2027"),
    ("parkline", "Parkline Systems", "Parkline Systems Ltd", "supplier", "medium", "medium",
     "Supplies the enforcement handhelds, which must recognise digital permits by number plate.",
     "Account manager, lorem@parkline.example", "Fortnightly call during alpha and beta", "Contract change request CR-12 in progress"),
    ("traders", "Old Town Traders' Association", "Old Town Traders' Association", "other", "medium", "low",
     "Worried that permit changes reduce parking for customers in zones 1 and 2.",
     "Chair, info@oldtowntraders.example", "Informed before each zone goes live", "None"),
]
DECISIONS = [  # key, decision, needed by, RACI (stakeholder key: letter)
    ("dpia", "Approve the data protection impact assessment and the register queries it covers", date(2027, 3, 31),
     {"mobility": "A", "digital": "R", "dpo": "C", "residents": "C", "mayor": "I"}),
    ("enforcement", "Choose how enforcement officers check digital permits (API or file export)", date(2027, 4, 30),
     {"mobility": "A", "digital": "R", "parkline": "C", "dpo": "C", "mayor": "I"}),
    ("beta", "Approve the public beta in all 14 zones", date(2027, 8, 31),
     {"mayor": "A", "mobility": "R", "residents": "C", "dpo": "C", "traders": "I", "population": "I", "vehicles": "I"}),
]
START, END = date(2027, 1, 4), date(2027, 12, 31)
TEAM = [  # key, then TEAM_FIELDS with the organisation as a stakeholder key
    ("ana", "Ana Ribeiro", "mobility", "service_owner", "Permit policy, budget management", 50, START, END,
     "Scope and budget within the approved plan; escalates to the steering board"),
    ("nikos", "Nikos Papadakis", "digital", "product_owner", "Agile delivery, service design", 100, START, END,
     "Backlog priorities and release content"),
    ("claire", "Claire Martin", "digital", "delivery_manager", "Scrum, risk management, supplier management", 80, START, END,
     "Sprint plans and team ways of working"),
    ("jonas", "Jonas Weber", "digital", "user_researcher", "Interviews, usability testing, accessibility testing", 60, START, END,
     "Research plan and who takes part"),
    ("marta", "Marta Kowalska", "digital", "designer", "Interaction and content design, design system", 80, date(2027, 2, 1), END,
     "Design choices within the city design system"),
    ("pieter", "Pieter de Vries", "digital", "developer", "Python, Django, API integration", 100, date(2027, 3, 1), END,
     "Technical design within the city architecture rules"),
    ("sofia", "Sofia Lindqvist", "mobility", "business_analyst", "Permit rules, data mapping, PermitBase", 60, START, END,
     "Business rules, with the service owner"),
    ("luca", "Luca Bianchi", "mobility", "legal_policy", "Municipal and data protection law", 20, START, date(2027, 9, 30),
     "Legal advice; drafts the agreements"),
]
MILESTONES = [  # key, name, description, owner (team member or stakeholder key), target date, deliverable, depends on, review gate
    ("discovery", "Discovery complete", "Research with residents and desk staff; map the paper process and its costs.",
     "jonas", date(2027, 2, 26), "Discovery report and user needs", (), True),
    ("dpia", "DPIA approved", "Assess the register queries, retention and access by desk staff.",
     "luca", date(2027, 3, 31), "Signed data protection impact assessment", ("discovery",), False),
    ("registers", "Register access agreed", "Agree API access to the population and vehicle registers for the test and live services.",
     "population", date(2027, 5, 14), "Signed data access agreements", ("dpia",), False),
    ("alpha", "Alpha tested", "Prototype renewal and first application; test with 30 residents, including assisted users.",
     "nikos", date(2027, 5, 28), "Tested prototype and alpha assessment report", ("discovery",), True),
    ("handhelds", "Handhelds read digital permits", "Enforcement handhelds check permits by number plate.",
     "parkline", date(2027, 6, 18), "Permit API in production, tested by 12 officers", ("alpha",), False),
    ("private-beta", "Private beta in zones 3 and 7", "Renewals for about 4,200 households online, with the desk as assisted route.",
     "claire", date(2027, 7, 1), "Working service and beta performance report", ("registers", "alpha", "handhelds"), True),
    ("public-beta", "Public beta in all 14 zones", "First applications and renewals in all zones; PermitBase records migrated.",
     "nikos", date(2027, 9, 15), "Service open to all residents", ("private-beta",), True),
    ("live", "Live, postal route closed", "Service assessment passed; paper forms by post stop, the desk route stays.",
     "ana", date(2027, 12, 1), "Live service assessment report", ("public-beta",), True),
]
INTEROP = [  # INTEROP_FIELDS, with the partner as a stakeholder key and the owner as a team member key
    ("population", "Population register API v3", "Registered address, date of move-in, household members", "in",
     "Confirm the applicant lives in the zone without proof of residence",
     "Population Register Act, art. 21; Municipal Parking Regulation 2019/14, art. 7", "technical",
     "REST API with OAuth 2.0; Core Person and Core Location vocabularies", "Population register (base register)", "in_progress", "sofia"),
    ("vehicles", "Vehicle register query service", "Number plate, keeper or lessee, vehicle category, emission class", "in",
     "Confirm the car is kept by or leased to the applicant and allowed in the zone",
     "Road Traffic Act, art. 44(2); Decree 2026/112, art. 5", "legal",
     "SOAP query service, REST version planned for 2027", "Vehicle register (base register)", "to_start", "luca"),
    ("parkline", "Parkline enforcement back office", "Valid permits: number plate, zone, start and end dates", "out",
     "Let enforcement officers see digital permits on their handhelds",
     "Municipal Parking Regulation 2019/14, art. 11", "technical",
     "Parkline permit API (OpenAPI 3.0), every 5 minutes", "City integration platform", "in_progress", "pieter"),
    ("digital", "Municipal payment platform", "Payment requests, payment status, refunds", "both",
     "Take the annual fee of EUR 96 and refund cancelled permits",
     "Municipal Fees Decree 2026/87, schedule B", "organisational",
     "Payment platform API v2; ISO 20022 reconciliation files", "Municipal payment platform", "signed", "claire"),
    ("mobility", "PermitBase 4.2", "38,500 current permits, zone boundaries by street", "in",
     "Migrate current permits and zones so renewals work from the first day",
     "Municipal Parking Regulation 2019/14, art. 9", "semantic",
     "Zone code list CL-ZONE-2027; city address register identifiers", "City address register", "not_needed", "sofia"),
]
USER_GROUPS = [  # key, then USER_GROUP_FIELDS
    ("renewing", "Residents renewing a permit", False, "About 33,000 renewals a year",
     "As a permit holder I need to renew before my permit ends without sending documents again, so that I am not fined in my street.",
     "Reminder by email, text or letter; must work on a phone and with a screen reader.", "low"),
    ("movers", "Residents applying after a move", False, "About 5,500 first applications a year",
     "As someone who just moved I need to know if my street is in a zone and get a permit the week I move in.",
     "Often new to the city; some read the local language poorly: plain language and an English version.", "medium"),
    ("assisted", "Residents who need help online", False, "About 4,000 permit holders aged 75 or over",
     "As an older resident I need to renew by phone or at the desk, or let a relative do it for me.",
     "Assisted digital by phone and at the desk; large-print letters; a relative acting under an eLorem ID mandate.", "high"),
    ("desk", "Mobility Desk staff", True, "14 staff (9 full-time equivalents)",
     "As a desk officer I need the application and the register checks on one screen, so that I can decide in one visit.",
     "Two officers use screen magnifiers; the back office must work with a keyboard only.", "low"),
]
RESEARCH = [
    ("Contextual observation at the Mobility Desk and contact centre", date(2027, 2, 3), 9,
     "Officers spend 11 minutes per paper file, mostly copying data already in the registers; a third of calls ask about status."),
    ("Interviews with residents at home and at the desk", date(2027, 2, 10), 18,
     "Renewal reminders arrive too late; leased cars fail the keeper check; older residents want a person to call, not a form."),
    ("Online survey of permit holders, linked from renewal letters", date(2027, 2, 19), 1240,
     "82% would renew online; 64% have eLorem ID; 9% would need help by phone or at the desk."),
]
PATHS = [  # user group key, goal, journey steps (what happens, channel, pain point)
    ("renewing", "Renew my permit before it ends", [
        ("Receives a renewal reminder six weeks before the end date", "post", "Letters arrive late; 12% of renewals come after expiry"),
        ("Signs in on the city website with eLorem ID", "online", "Some residents have no eLorem ID and stop here"),
        ("Checks the address and car the city found in the registers", "online", "Leased cars are registered to the leasing company"),
        ("Pays the annual fee of EUR 96", "online", "Some foreign bank cards are refused by the payment page"),
        ("Gets a confirmation; the permit is linked to the number plate", "online", "People worry there is no sticker to show"),
        ("Calls to check the permit is active", "phone", "Avoidable call: the status is not visible online"),
    ]),
    ("movers", "Get a first permit after moving into a zone", [
        ("Registers the new address at the civil registry", "in_person", "The move takes up to 5 working days to reach the register"),
        ("Looks up whether the street is in a controlled zone", "online", "The zone map is a PDF; streets are hard to find"),
        ("Applies online; the address check fails as the move is not registered yet", "online", "Not told why, or what to do"),
        ("Uploads the tenancy agreement instead", "online", "Manual check by desk staff adds 3 days"),
        ("Receives a 14-day temporary permit by email", "online", "Enforcement officers cannot see temporary permits yet"),
        ("Receives the decision and the annual permit", "online", "The permit start date is the decision date, not the move-in date"),
    ]),
    ("assisted", "Renew my permit with help", [
        ("Receives a large-print reminder with the phone number", "post", "The phone line is open only 9:00 to 12:00"),
        ("Calls the contact centre and is put through to the Mobility Desk", "phone", "Transfers and an average wait of 9 minutes"),
        ("A desk officer renews on the resident's behalf", "phone", "Identity checks by phone are hard for some residents"),
        ("Pays by bank transfer with the reference in the letter", "other", "Transfers without the reference need manual matching"),
        ("Receives the confirmation by post", "post", "Arrives after 5 days; until then the resident is unsure the permit is valid"),
        ("Later, a daughter with a mandate changes the number plate online", "online", "Setting up the mandate in eLorem ID is unclear"),
    ]),
]

# The checklist's answers, most of them given while the project is filled in.
CHECKLIST_ANSWERS = {
    ("need", 1): (Choice.YES, "The problem statement was rewritten twice with the Residents' Federation; it names no technology."),
    ("need", 2): (Choice.YES, "2,140 complaints in 2026, 41,000 calls a year, internal audit report AR-2026/07, 18 interviews."),
    ("need", 3): (Choice.YES, "Contextual observation at the Mobility Desk; survey of 1,240 permit holders."),
    ("need", 4): (Choice.PARTLY, "The national change-of-address service overlaps; the visitor voucher scheme is still to be reviewed."),
    ("need", 5): (Choice.YES, "Municipal Parking Regulation 2019/14 and Decree 2026/112, confirmed by the legal service."),
    ("objective", 1): (Choice.YES, "Vision agreed at the steering board of 19 January 2027."),
    ("objective", 2): (Choice.YES, "Four indicators, each with a baseline, a target and a date."),
    ("objective", 3): (Choice.YES, "Mapped to the National Digital Government Strategy 2025–2030 and the City of Lorem Digital Agenda."),
    ("objective", 4): (Choice.YES, "Private beta in zones 3 and 7 by July 2027."),
    ("objective", 5): (Choice.YES, "Go decision by the steering board, minuted on 19 January 2027."),
    ("plan", 1): (Choice.YES, "Eight milestones in order, each with a deliverable."),
    ("plan", 2): (Choice.PARTLY, "Every milestone has an owner; two dates depend on the register agreements."),
    ("plan", 3): (Choice.YES, "Five review gates, chaired by the Deputy Mayor."),
    ("plan", 4): (Choice.YES, "eLorem ID, the payment platform and the notification service are reused."),
    ("stakeholders", 1): (Choice.YES, "Ten stakeholders, all seven types represented."),
    ("stakeholders", 2): (Choice.YES, "Each has one named contact point."),
    ("stakeholders", 3): (Choice.PARTLY, "Two memoranda signed; the vehicle register agreement is being negotiated."),
    ("stakeholders", 4): (Choice.YES, "RACI agreed for the three key decisions, one Accountable each."),
    ("team", 1): (Choice.YES, "Ana Ribeiro, service owner, with authority over scope and budget."),
    ("team", 2): (Choice.PARTLY, "No content designer yet; recruitment planned for March 2027."),
    ("team", 3): (Choice.YES, "Allocations agreed with the Digital Services Unit and the Mobility Department."),
    ("team", 4): (Choice.YES, "Daily stand-up, fortnightly sprint review, monthly steering board."),
    ("interoperability", 1): (Choice.YES, "Five exchanges listed with direction and purpose."),
    ("interoperability", 2): (Choice.YES, "Each exchange cites its legal basis; reviewed by the data protection officer."),
    ("interoperability", 4): (Choice.YES, "Population and vehicle registers are read instead of asking for documents."),
    ("user-paths", 1): (Choice.YES, "Four user groups, including Mobility Desk staff."),
    ("user-paths", 2): (Choice.YES, "Three research activities with 28 people and a survey of 1,240."),
    ("user-paths", 3): (Choice.PARTLY, "Known for residents; staff needs to be tested with screen magnifiers in alpha."),
}

# The action plan: what the team will do about each "Partly", by team member key and due date.
ACTIONS = {
    ("need", 4): [("Review the visitor voucher scheme with the Mobility Department", "ana", date(2027, 3, 31))],
    ("plan", 2): [("Fix the last two milestone dates once the register agreements are signed", "claire", date(2027, 4, 30))],
    ("stakeholders", 3): [
        ("Sign the vehicle register agreement", "ana", date(2027, 4, 15)),
        ("Send the draft agreement to the registry's legal service", "claire", date(2027, 2, 15)),
    ],
    ("user-paths", 3): [("Test the staff screens with screen magnifiers in the alpha", "jonas", date(2027, 6, 30))],
}
# Actions already done, by the same key as ACTIONS and their position there.
DONE = {("stakeholders", 3, 1): date(2027, 2, 12)}
# A gap the team decided not to act on, with who accepted it.
ACCEPTED_RISKS = {
    ("team", 2): (
        "Content design is covered by the city's central content team until the recruitment in March 2027.",
        "Ana Ribeiro, service owner",
    ),
}


# The questions the team answers last, just before submitting the charter for review (stage1.demo.review).
LATER_ANSWERS = {
    ("stakeholders", 5): (Choice.YES, "The city's data protection officer joined the first steering board and reviews every exchange."),
    ("interoperability", 3): (
        Choice.PARTLY,
        "Legal and technical layers described for every exchange; organisational and semantic layers for three of five.",
    ),
    ("interoperability", 5): (Choice.PARTLY, "Agreements identified for every exchange; the vehicle register agreement is being drafted."),
    ("user-paths", 4): (Choice.PARTLY, "Paths for residents, visitors and mandated relatives; the staff path is still to map."),
}
LATER_ACTIONS = {
    ("interoperability", 3): [("Describe the organisational and semantic layers of the register exchanges", "pieter", date(2027, 5, 31))],
    ("interoperability", 5): [("Agree the service level of the vehicle register exchange", "claire", date(2027, 4, 30))],
    ("user-paths", 4): [("Map the Mobility Desk staff path with two desk officers", "jonas", date(2027, 3, 31))],
}

# fmt: on

# What is said in the review story.
REVIEW = ReviewStory(
    sponsor_role="Deputy Mayor for Mobility",
    note="Every golden rule is complete. The open actions are in the action plan; the vehicle register agreement is the main risk.",
    question_step="stakeholders",
    question="Is the vehicle register agreement on track for April? The pilot in zones 3 and 7 depends on it.",
    answer="Yes: the draft went to the registry's legal service on 12 February; signature is planned for 15 April.",
    after_approval=(
        " A survey of 1,240 permit holders in March 2027 confirmed that 71% would renew online if the registers were read for them."
    ),
    open_question_rule="user-paths",
    open_question="Please map the Mobility Desk staff path before Draft 1.1 goes to review.",
)

DEMO = DemoContent(
    language="en",
    title=TITLE,
    organisation=ORGANISATION,
    description=DESCRIPTION,
    sponsor="mayor",
    lead="ana",
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
    later=ChecklistAnswers(LATER_ANSWERS, LATER_ACTIONS),
    review=REVIEW,
)
